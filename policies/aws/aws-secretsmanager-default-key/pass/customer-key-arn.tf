resource "aws_secretsmanager_secret" "api" {
  name       = "prod/partner/api-token"
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  tags = { owner = "platform" }
}
