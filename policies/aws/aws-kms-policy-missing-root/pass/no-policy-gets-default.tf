# No policy: AWS applies the default key policy, which gives the account root kms:*.
resource "aws_kms_key" "default" {
  description             = "Key with the default key policy"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
