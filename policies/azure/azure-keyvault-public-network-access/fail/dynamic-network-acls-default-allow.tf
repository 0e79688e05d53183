variable "network_acls" {
  type = object({
    default_action = optional(string, "Allow")
    bypass         = optional(string, "AzureServices")
  })
  default = {}
}

resource "azurerm_key_vault" "main" {
  name                     = "kv-ledger-prod"
  location                 = "westeurope"
  resource_group_name      = "rg-ledger-prod"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true

  dynamic "network_acls" {
    for_each = var.network_acls != null ? { this = var.network_acls } : {}

    content {
      default_action = network_acls.value.default_action
      bypass         = network_acls.value.bypass
    }
  }
}
