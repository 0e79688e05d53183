resource "aws_kms_key" "dr" {
  description  = "DR replica key"
  multi_region = true # keylint:ignore aws-kms-multi-region-key -- DR replica, accepted until=2025-03-01 by the risk board
}
