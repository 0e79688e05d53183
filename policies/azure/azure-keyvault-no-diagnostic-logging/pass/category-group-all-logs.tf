variable "eventhub_authorization_rule_id" {
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

resource "azurerm_monitor_diagnostic_setting" "kv_to_siem" {
  name                           = "kv-ledger-prod-siem"
  target_resource_id             = azurerm_key_vault.main.id
  eventhub_name                  = "keyvault-logs"
  eventhub_authorization_rule_id = var.eventhub_authorization_rule_id

  enabled_log {
    category_group = "allLogs"
  }
}
