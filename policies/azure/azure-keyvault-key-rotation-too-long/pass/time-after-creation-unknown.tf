variable "key_vault_id" {
  type = string
}

variable "rotate_after" {
  type = string
}

resource "azurerm_key_vault_key" "cmk" {
  name         = "cmk-backup"
  key_vault_id = var.key_vault_id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    automatic {
      time_after_creation = var.rotate_after
    }
  }
}
