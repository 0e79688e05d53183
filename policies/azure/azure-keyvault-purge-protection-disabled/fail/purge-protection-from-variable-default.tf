variable "purge_protection" {
  type    = bool
  default = false
}

resource "azurerm_key_vault" "main" {
  name                     = "kv-orders-prod"
  location                 = "northeurope"
  resource_group_name      = "rg-orders-prod"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = var.purge_protection
}
