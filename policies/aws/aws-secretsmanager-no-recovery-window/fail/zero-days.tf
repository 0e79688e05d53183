resource "aws_secretsmanager_secret" "db" {
  name                    = "prod/db/password"
  kms_key_id              = "alias/app-secrets"
  recovery_window_in_days = 0
}
