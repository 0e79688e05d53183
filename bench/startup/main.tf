# One small Terraform file for the start-up benchmark (bench/compare.sh): a KMS key with
# rotation off and a short deletion window, which keylint and trivy both report.
resource "aws_kms_key" "app" {
  description             = "application data key"
  enable_key_rotation     = false
  deletion_window_in_days = 7
}

resource "aws_kms_alias" "app" {
  name          = "alias/app"
  target_key_id = aws_kms_key.app.key_id
}
