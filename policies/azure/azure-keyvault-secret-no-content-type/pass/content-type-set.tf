variable "key_vault_id" {
  type = string
}

resource "random_password" "db" {
  length = 32
}

resource "azurerm_key_vault_secret" "db_password" {
  name            = "sql-admin-password"
  value           = random_password.db.result
  key_vault_id    = var.key_vault_id
  content_type    = "password"
  expiration_date = "2026-12-31T00:00:00Z"
}
