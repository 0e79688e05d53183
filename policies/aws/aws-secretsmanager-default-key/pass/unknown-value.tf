variable "secrets_kms_key" {
  description = "No default: the key is unknown here"
  type        = string
}

resource "aws_secretsmanager_secret" "db" {
  name       = "prod/db/password"
  kms_key_id = var.secrets_kms_key
}
