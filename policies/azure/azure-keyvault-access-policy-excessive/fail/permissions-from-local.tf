locals {
  admin_key_permissions = ["Get", "List", "Create", "Delete", "Recover", "Purge"]
}

resource "azurerm_key_vault" "main" {
  name                     = "kv-orders-prod"
  location                 = "westeurope"
  resource_group_name      = "rg-orders-prod"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = true

  access_policy {
    tenant_id       = "00000000-0000-0000-0000-000000000000"
    object_id       = "55555555-5555-5555-5555-555555555555"
    key_permissions = local.admin_key_permissions
  }
}
