# azurerm 3.x / 4.x: soft delete is always on; only the retention is configurable.
resource "azurerm_key_vault" "main" {
  name                       = "kv-payments-prod"
  location                   = "westeurope"
  resource_group_name        = "rg-payments-prod"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  soft_delete_retention_days = 90
  purge_protection_enabled   = true
}
