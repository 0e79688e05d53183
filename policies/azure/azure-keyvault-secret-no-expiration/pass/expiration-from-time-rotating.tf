# The date comes from another resource: unknown to keylint, so no finding.
variable "key_vault_id" {
  type = string
}

resource "time_rotating" "db_password" {
  rotation_days = 90
}

resource "random_password" "db" {
  length = 32
}

resource "azurerm_key_vault_secret" "db_password" {
  name            = "sql-admin-password"
  value           = random_password.db.result
  key_vault_id    = var.key_vault_id
  content_type    = "password"
  expiration_date = time_rotating.db_password.rotation_rfc3339
}
