variable "audit_storage_account_id" {
  type = string
}

resource "azurerm_key_vault" "main" {
  name                      = "kv-orders-prod"
  location                  = "westeurope"
  resource_group_name       = "rg-orders-prod"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "standard"
  purge_protection_enabled  = true
  enable_rbac_authorization = true
}

resource "azurerm_monitor_diagnostic_setting" "kv" {
  name               = "kv-orders-prod-audit"
  target_resource_id = azurerm_key_vault.main.id
  storage_account_id = var.audit_storage_account_id

  log {
    category = "AuditEvent"
    enabled  = true

    retention_policy {
      enabled = true
      days    = 365
    }
  }
}
