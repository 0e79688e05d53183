variable "key_vault_id" {
  type = string
}

resource "azurerm_key_vault_key" "legacy_sso" {
  name            = "legacy-sso-signing"
  key_vault_id    = var.key_vault_id
  key_type        = "RSA"
  key_size        = 1024
  key_opts        = ["sign", "verify"]
  expiration_date = "2027-01-01T00:00:00Z"
}
