# The vault is handed to a registry module keylint does not fetch; that module may create
# its diagnostic setting, so whether AuditEvent is logged is unknown: no finding.
resource "azurerm_key_vault" "app" {
  name                     = "kv-app"
  location                 = "westeurope"
  resource_group_name      = "rg-app"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true
}

module "vault_logs" {
  source  = "example-org/diagnostics/azurerm"
  version = "~> 2.0"

  targets = [{ id = azurerm_key_vault.app.id }]
  destination = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w"
}
