# The argument that hands the vault to a registry module keylint does not fetch evaluates
# to an unknown value (a splat of a counted vault), but it names the vault: the module may
# create its diagnostic setting, so whether AuditEvent is logged is unknown.
variable "create" {
  type = bool
}

resource "azurerm_key_vault" "app" {
  count                    = var.create ? 1 : 0
  name                     = "kv-app"
  location                 = "westeurope"
  resource_group_name      = "rg-app"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true
}

module "diagnostics" {
  source      = "example-org/diagnostic-settings/azurerm"
  version     = "~> 8.0"
  resource_id = one(concat(azurerm_key_vault.app[*].id, []))
}
