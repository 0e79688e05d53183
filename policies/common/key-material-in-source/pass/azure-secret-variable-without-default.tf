variable "key_vault_id" {
  type = string
}

variable "partner_api_key" {
  type      = string
  sensitive = true
}

resource "azurerm_key_vault_secret" "partner_api_key" {
  name            = "partner-api-key"
  value           = var.partner_api_key
  key_vault_id    = var.key_vault_id
  content_type    = "text/plain"
  expiration_date = "2026-12-31T00:00:00Z"
}
