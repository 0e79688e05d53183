resource "azurerm_key_vault_key" "cmk" {
  name            = "cmk-storage"
  key_vault_id    = azurerm_key_vault.main.id
  key_type        = "RSA-HSM"
  key_size        = 3072
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = "2027-01-01T00:00:00Z"
}

resource "azurerm_key_vault_key" "signing" {
  name            = "signing"
  key_vault_id    = azurerm_key_vault.main.id
  key_type        = "EC"
  curve           = "P-384"
  key_opts        = ["sign", "verify"]
  expiration_date = "2027-01-01T00:00:00Z"
}
