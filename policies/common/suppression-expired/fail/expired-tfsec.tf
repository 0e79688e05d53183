resource "azurerm_key_vault" "sandbox" {
  name                = "kv-sandbox-01"
  location            = "westeurope"
  resource_group_name = "rg-sandbox"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  #tfsec:ignore:azure-keyvault-no-purge:exp:2025-01-31
  purge_protection_enabled = false
}
