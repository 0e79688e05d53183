# A map of settings whose `log_groups` default to `["allLogs"]` (an `optional` default),
# expanded by `for_each` and a `dynamic` block.
variable "diagnostic_settings" {
  type = map(object({
    name                  = optional(string, null)
    log_groups            = optional(set(string), ["allLogs"])
    workspace_resource_id = optional(string, null)
  }))
  default = {
    to_la = {
      workspace_resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/la-logs"
    }
  }
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
  for_each = var.diagnostic_settings

  name                       = coalesce(each.value.name, "diag-${each.key}")
  target_resource_id         = azurerm_key_vault.main.id
  log_analytics_workspace_id = each.value.workspace_resource_id

  dynamic "enabled_log" {
    for_each = each.value.log_groups

    content {
      category_group = enabled_log.value
    }
  }
}
