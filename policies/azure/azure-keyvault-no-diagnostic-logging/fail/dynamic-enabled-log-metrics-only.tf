# A known empty `for_each`: the `dynamic` block makes no log, only metrics are sent.
variable "log_categories" {
  type    = set(string)
  default = []
}

resource "azurerm_key_vault" "main" {
  name                       = "kv-ledger-prod"
  location                   = "westeurope"
  resource_group_name        = "rg-ledger-prod"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  purge_protection_enabled   = true
  rbac_authorization_enabled = true
}

resource "azurerm_monitor_diagnostic_setting" "kv" {
  name                       = "kv-ledger-prod-logs"
  target_resource_id         = azurerm_key_vault.main.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/la-logs"

  dynamic "enabled_log" {
    for_each = var.log_categories

    content {
      category = enabled_log.value
    }
  }

  enabled_metric {
    category = "AllMetrics"
  }
}
