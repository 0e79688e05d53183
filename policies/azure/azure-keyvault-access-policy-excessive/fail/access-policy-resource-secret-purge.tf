variable "key_vault_id" {
  type = string
}

resource "azurerm_key_vault_access_policy" "ci_pipeline" {
  key_vault_id       = var.key_vault_id
  tenant_id          = "00000000-0000-0000-0000-000000000000"
  object_id          = "33333333-3333-3333-3333-333333333333"
  secret_permissions = ["Get", "List", "Set", "Delete", "Purge"]
}
