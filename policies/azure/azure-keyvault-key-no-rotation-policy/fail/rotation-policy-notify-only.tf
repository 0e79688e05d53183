# A rotation_policy without an automatic block only sets expiry and a reminder.
variable "key_vault_id" {
  type = string
}

resource "azurerm_key_vault_key" "cmk" {
  name         = "cmk-sql-tde"
  key_vault_id = var.key_vault_id
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    expire_after         = "P1Y"
    notify_before_expiry = "P30D"
  }
}
