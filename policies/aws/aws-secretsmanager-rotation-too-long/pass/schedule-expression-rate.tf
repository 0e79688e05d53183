resource "aws_secretsmanager_secret" "api" {
  name       = "prod/partner/api-token"
  kms_key_id = "alias/app-secrets"
}

resource "aws_secretsmanager_secret_rotation" "api" {
  secret_id           = aws_secretsmanager_secret.api.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate-api-token"

  rotation_rules {
    schedule_expression = "rate(30 days)"
    duration            = "3h"
  }
}
