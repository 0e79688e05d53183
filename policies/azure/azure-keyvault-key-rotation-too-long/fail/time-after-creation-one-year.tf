variable "key_vault_id" {
  type = string
}

resource "azurerm_key_vault_key" "cmk" {
  name         = "cmk-backup"
  key_vault_id = var.key_vault_id
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    automatic {
      time_after_creation = "P1Y"
    }
    expire_after = "P2Y"
  }
}
