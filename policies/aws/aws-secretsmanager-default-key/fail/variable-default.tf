variable "secrets_kms_key" {
  type    = string
  default = "alias/aws/secretsmanager"
}

resource "aws_secretsmanager_secret" "db" {
  name       = "prod/db/password"
  kms_key_id = var.secrets_kms_key
}
