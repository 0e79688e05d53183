# A registry module keylint does not fetch is called, but nothing hands it the vault: it
# cannot target it, so the vault still has no diagnostic setting.
resource "azurerm_key_vault" "app" {
  name                     = "kv-app"
  location                 = "westeurope"
  resource_group_name      = "rg-app"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true
}

module "naming" {
  source  = "example-org/naming/azurerm"
  version = "~> 1.0"
  prefix  = ["app"]
}
