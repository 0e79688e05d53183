# The ACL comes from a `dynamic` block over a variable without a default: whether there
# is one, and what it says, is unknown (never "no ACL").
variable "network_acls" {
  type = object({
    default_action = string
    bypass         = string
  })
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
