# AWS KMS default key store: FIPS 140-3 level 3 HSMs.
resource "aws_kms_key" "s3" {
  description             = "CMK for the payments data bucket"
  deletion_window_in_days = 30
  enable_key_rotation     = true
}
