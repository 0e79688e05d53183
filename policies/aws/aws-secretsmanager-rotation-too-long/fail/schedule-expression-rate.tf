resource "aws_secretsmanager_secret" "db" {
  name       = "prod/db/password"
  kms_key_id = "alias/app-secrets"
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate-db-password"

  rotation_rules {
    schedule_expression = "rate(180 days)"
  }
}
