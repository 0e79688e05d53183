// keylint:ignore azure-keyvault-rbac-disabled -- legacy batch app cannot use RBAC until its 2026 rewrite
resource "azurerm_key_vault" "legacy" {
  name                     = "kv-legacy-batch"
  location                 = "westeurope"
  resource_group_name      = "rg-legacy"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = true
}
