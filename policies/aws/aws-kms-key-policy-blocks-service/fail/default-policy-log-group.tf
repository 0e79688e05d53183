# No policy: AWS's default key policy lets only the account use the key, and CloudWatch
# Logs refuses it when the log group is created.
resource "aws_kms_key" "logs" {
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_cloudwatch_log_group" "app" {
  name       = "/app"
  kms_key_id = aws_kms_key.logs.arn
}
