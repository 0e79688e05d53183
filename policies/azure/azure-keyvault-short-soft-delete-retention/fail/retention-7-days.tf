resource "azurerm_key_vault" "main" {
  name                       = "kv-payments-dev"
  location                   = "westeurope"
  resource_group_name        = "rg-payments-dev"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  soft_delete_retention_days = 7
  purge_protection_enabled   = true
}
