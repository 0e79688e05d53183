resource "aws_kms_key" "records" {
  description             = "Case records key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  multi_region            = false
}
