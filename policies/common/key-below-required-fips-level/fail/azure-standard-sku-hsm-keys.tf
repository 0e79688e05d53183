# HSM key types in a standard vault: the vault's SKU holds them at level 1. One finding,
# on the vault's `sku_name`, naming the keys; none again on each key.
resource "azurerm_key_vault" "main" {
  name                       = "kv-payments-prod"
  location                   = "westeurope"
  resource_group_name        = "rg-payments-prod"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  purge_protection_enabled   = true
  rbac_authorization_enabled = true
}

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
  key_type        = "EC-HSM"
  curve           = "P-384"
  key_opts        = ["sign", "verify"]
  expiration_date = "2027-01-01T00:00:00Z"
}
