# An expired comment is suppression-expired's business, not this rule's.
# keylint:ignore aws-kms-multi-region-key until=2025-01-01 -- DR replica until the migration
resource "aws_kms_key" "dr" {
  description         = "DR replica key"
  enable_key_rotation = true
}
