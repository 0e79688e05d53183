variable "retention_days" {
  type    = number
  default = 90
}

resource "azurerm_key_vault" "main" {
  name                       = "kv-orders-prod"
  location                   = "westeurope"
  resource_group_name        = "rg-orders-prod"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  soft_delete_retention_days = var.retention_days
  purge_protection_enabled   = true
}
