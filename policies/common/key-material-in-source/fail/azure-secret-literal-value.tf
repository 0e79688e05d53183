variable "key_vault_id" {
  type = string
}

resource "azurerm_key_vault_secret" "db_password" {
  name            = "sql-admin-password"
  value           = "fake-P@ssw0rd-for-tests-only"
  key_vault_id    = var.key_vault_id
  content_type    = "password"
  expiration_date = "2026-12-31T00:00:00Z"
}
