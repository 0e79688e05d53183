resource "aws_secretsmanager_secret" "api" {
  name       = "prod/partner/api-token"
  kms_key_id = "alias/aws/secretsmanager"

  tags = { owner = "platform" }
}
