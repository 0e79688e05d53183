variable "key_vault_id" {
  type = string
}

variable "secret_value" {
  type      = string
  sensitive = true
}

variable "secret_content_type" {
  type = string
}

resource "azurerm_key_vault_secret" "partner" {
  name            = "partner-credential"
  value           = var.secret_value
  key_vault_id    = var.key_vault_id
  content_type    = var.secret_content_type
  expiration_date = "2026-12-31T00:00:00Z"
}
