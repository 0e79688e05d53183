locals {
  sandbox_soft_delete = false
}

resource "azurerm_key_vault" "sandbox" {
  name                = "kv-sandbox-01"
  location            = "westeurope"
  resource_group_name = "rg-sandbox"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  soft_delete_enabled = local.sandbox_soft_delete
}
