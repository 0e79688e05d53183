variable "key_vault_id" {
  type = string
}

resource "azurerm_key_vault_access_policy" "cert_admin" {
  key_vault_id = var.key_vault_id
  tenant_id    = "00000000-0000-0000-0000-000000000000"
  object_id    = "44444444-4444-4444-4444-444444444444"

  certificate_permissions = [
    "Backup", "Create", "Delete", "DeleteIssuers", "Get", "GetIssuers",
    "Import", "List", "ListIssuers", "ManageContacts", "ManageIssuers",
    "Purge", "Recover", "Restore", "SetIssuers", "Update",
  ]
}
