resource "aws_secretsmanager_secret" "db" {
  name                    = "prod/db/password"
  recovery_window_in_days = 7

  tags = { owner = "platform" }
}
