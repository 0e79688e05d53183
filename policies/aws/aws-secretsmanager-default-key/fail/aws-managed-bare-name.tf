# Secrets Manager accepts the AWS managed key by its bare name too.
variable "secret_key" {
  type    = string
  default = "aws/secretsmanager"
}

resource "aws_secretsmanager_secret" "bare" {
  name       = "prod/partner/api-token"
  kms_key_id = "aws/secretsmanager"
}

resource "aws_secretsmanager_secret" "from_variable" {
  name       = "prod/partner/db-password"
  kms_key_id = var.secret_key
}
