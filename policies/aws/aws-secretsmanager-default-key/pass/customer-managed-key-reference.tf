resource "aws_kms_key" "secrets" {
  description         = "Secrets Manager key"
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "db" {
  name       = "prod/db/password"
  kms_key_id = aws_kms_key.secrets.arn
}
