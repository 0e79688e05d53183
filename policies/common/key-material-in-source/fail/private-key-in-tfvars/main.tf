variable "key_vault_id" {
  type = string
}

variable "partner_tls_key" {
  type      = string
  sensitive = true
}

resource "azurerm_key_vault_secret" "partner_tls_key" {
  name            = "partner-tls-key"
  value           = var.partner_tls_key
  key_vault_id    = var.key_vault_id
  content_type    = "application/x-pem-file"
  expiration_date = "2026-12-31T00:00:00Z"
}
