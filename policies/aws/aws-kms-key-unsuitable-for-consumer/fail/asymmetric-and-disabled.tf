# A signing key cannot encrypt a log group's data.
resource "aws_kms_key" "signing" {
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
  deletion_window_in_days  = 30
}

resource "aws_cloudwatch_log_group" "app" {
  name       = "/app"
  kms_key_id = aws_kms_key.signing.arn
}

# A key created disabled: the volume cannot be created with it.
resource "aws_kms_key" "off" {
  is_enabled              = false
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = aws_kms_key.off.arn
}
