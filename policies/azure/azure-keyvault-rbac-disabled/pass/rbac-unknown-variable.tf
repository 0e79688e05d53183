variable "use_rbac" {
  type = bool
}

resource "azurerm_key_vault" "main" {
  name                       = "kv-orders-prod"
  location                   = "westeurope"
  resource_group_name        = "rg-orders-prod"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  purge_protection_enabled   = true
  rbac_authorization_enabled = var.use_rbac
}
