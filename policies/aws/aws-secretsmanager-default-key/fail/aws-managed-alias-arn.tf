resource "aws_secretsmanager_secret" "api" {
  name       = "prod/partner/api-token"
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:alias/aws/secretsmanager"

  tags = { owner = "platform" }
}
