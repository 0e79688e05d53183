variable "key_vault_id" {
  type = string
}

variable "storage_connection_string" {
  type      = string
  sensitive = true
}

resource "azurerm_key_vault_secret" "storage" {
  name            = "storage-connection-string"
  value           = var.storage_connection_string
  key_vault_id    = var.key_vault_id
  content_type    = ""
  expiration_date = "2026-12-31T00:00:00Z"
}
