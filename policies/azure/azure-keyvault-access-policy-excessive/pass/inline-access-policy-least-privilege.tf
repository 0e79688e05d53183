resource "azurerm_key_vault" "main" {
  name                     = "kv-payments-prod"
  location                 = "westeurope"
  resource_group_name      = "rg-payments-prod"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true

  access_policy {
    tenant_id       = "00000000-0000-0000-0000-000000000000"
    object_id       = "22222222-2222-2222-2222-222222222222"
    key_permissions = ["Get", "WrapKey", "UnwrapKey"]
  }
}
