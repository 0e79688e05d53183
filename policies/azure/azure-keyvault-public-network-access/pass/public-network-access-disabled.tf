# Reached only through a private endpoint.
resource "azurerm_key_vault" "main" {
  name                          = "kv-ledger-prod"
  location                      = "westeurope"
  resource_group_name           = "rg-ledger-prod"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "premium"
  purge_protection_enabled      = true
  public_network_access_enabled = false
}
