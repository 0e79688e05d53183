# A standard vault can only hold software-protected keys (FIPS 140 level 1).
resource "azurerm_key_vault" "main" {
  name                       = "kv-payments-prod"
  location                   = "westeurope"
  resource_group_name        = "rg-payments-prod"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  purge_protection_enabled   = true
  rbac_authorization_enabled = true
}
