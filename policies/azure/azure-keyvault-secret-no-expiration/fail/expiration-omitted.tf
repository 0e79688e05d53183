variable "key_vault_id" {
  type = string
}

resource "random_password" "db" {
  length  = 32
  special = true
}

resource "azurerm_key_vault_secret" "db_password" {
  name         = "sql-admin-password"
  value        = random_password.db.result
  key_vault_id = var.key_vault_id
  content_type = "password"
}
