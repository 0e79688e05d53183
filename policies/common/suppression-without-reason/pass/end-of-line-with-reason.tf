resource "azurerm_key_vault" "sandbox" {
  name                     = "kv-sandbox-01"
  location                 = "westeurope"
  resource_group_name      = "rg-sandbox"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = false # keylint:ignore azure-keyvault-purge-protection-disabled -- sandbox vault is recreated daily
}
