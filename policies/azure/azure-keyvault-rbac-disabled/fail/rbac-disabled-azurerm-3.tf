# azurerm 3.x attribute name
resource "azurerm_key_vault" "main" {
  name                      = "kv-orders-prod"
  location                  = "westeurope"
  resource_group_name       = "rg-orders-prod"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "standard"
  purge_protection_enabled  = true
  enable_rbac_authorization = false

  access_policy {
    tenant_id          = "00000000-0000-0000-0000-000000000000"
    object_id          = "22222222-2222-2222-2222-222222222222"
    secret_permissions = ["Get", "List"]
  }
}
