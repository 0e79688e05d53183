# recovery_window_in_days is absent: the provider default is 30 days.
resource "aws_secretsmanager_secret" "db" {
  name       = "prod/db/password"
  kms_key_id = "alias/app-secrets"
}
