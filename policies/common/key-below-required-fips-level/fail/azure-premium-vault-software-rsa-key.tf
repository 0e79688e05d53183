resource "azurerm_key_vault" "main" {
  name                       = "kv-payments-prod"
  location                   = "westeurope"
  resource_group_name        = "rg-payments-prod"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  purge_protection_enabled   = true
  rbac_authorization_enabled = true
}

# Software key type in a premium vault: still level 1.
resource "azurerm_key_vault_key" "cmk" {
  name            = "cmk-storage"
  key_vault_id    = azurerm_key_vault.main.id
  key_type        = "RSA"
  key_size        = 3072
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = "2027-01-01T00:00:00Z"
}
