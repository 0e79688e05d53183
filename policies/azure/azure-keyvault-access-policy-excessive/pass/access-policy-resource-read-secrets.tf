variable "key_vault_id" {
  type = string
}

resource "azurerm_key_vault_access_policy" "web_app" {
  key_vault_id       = var.key_vault_id
  tenant_id          = "00000000-0000-0000-0000-000000000000"
  object_id          = "66666666-6666-6666-6666-666666666666"
  secret_permissions = ["Get", "List"]
}
