# The log categories come from a variable without a default: the `dynamic` blocks may send
# AuditEvent, so the vault's logging is unknown (never "no logs").
variable "log_categories" {
  type = set(string)
}

variable "workspace_id" {
  type = string
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
  log_analytics_workspace_id = var.workspace_id

  dynamic "enabled_log" {
    for_each = var.log_categories

    content {
      category = enabled_log.value
    }
  }
}
