variable "log_analytics_workspace_id" {
  type = string
}

resource "azurerm_key_vault" "payments" {
  name                     = "kv-payments-prod"
  location                 = "westeurope"
  resource_group_name      = "rg-payments-prod"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true
}

resource "azurerm_key_vault" "orders" {
  name                     = "kv-orders-prod"
  location                 = "westeurope"
  resource_group_name      = "rg-orders-prod"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true
}

# Only the payments vault is logged; the orders vault is reported.
resource "azurerm_monitor_diagnostic_setting" "payments" {
  name                       = "kv-payments-prod-audit"
  target_resource_id         = azurerm_key_vault.payments.id
  log_analytics_workspace_id = var.log_analytics_workspace_id

  enabled_log {
    category = "AuditEvent"
  }
}
