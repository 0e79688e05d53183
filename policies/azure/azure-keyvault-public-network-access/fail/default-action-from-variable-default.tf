variable "kv_default_action" {
  type    = string
  default = "Allow"
}

resource "azurerm_key_vault" "main" {
  name                      = "kv-orders-prod"
  location                  = "westeurope"
  resource_group_name       = "rg-orders-prod"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "standard"
  purge_protection_enabled  = true
  enable_rbac_authorization = true

  network_acls {
    default_action = var.kv_default_action
    bypass         = "None"
  }
}
