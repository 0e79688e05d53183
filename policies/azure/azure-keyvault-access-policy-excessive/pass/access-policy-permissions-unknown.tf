variable "key_vault_id" {
  type = string
}

variable "operator_key_permissions" {
  type = list(string)
}

resource "azurerm_key_vault_access_policy" "operator" {
  key_vault_id    = var.key_vault_id
  tenant_id       = "00000000-0000-0000-0000-000000000000"
  object_id       = "55555555-5555-5555-5555-555555555555"
  key_permissions = var.operator_key_permissions
}
