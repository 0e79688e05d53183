variable "key_vault_id" {
  type = string
}

variable "api_key" {
  type      = string
  sensitive = true
}

variable "api_key_expiry" {
  type    = string
  default = null
}

resource "azurerm_key_vault_secret" "partner_api_key" {
  name            = "partner-api-key"
  value           = var.api_key
  key_vault_id    = var.key_vault_id
  content_type    = "text/plain"
  expiration_date = var.api_key_expiry
}
