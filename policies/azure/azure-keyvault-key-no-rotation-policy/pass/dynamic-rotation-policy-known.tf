variable "key_vault_id" {
  type = string
}

variable "rotation_policy" {
  type = object({
    automatic = optional(object({
      time_after_creation = optional(string, "P90D")
    }), {})
    expire_after = optional(string, "P1Y")
  })
  default = {}
}

resource "azurerm_key_vault_key" "cmk" {
  name         = "cmk-storage"
  key_vault_id = var.key_vault_id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  dynamic "rotation_policy" {
    for_each = var.rotation_policy != null ? [var.rotation_policy] : []

    content {
      expire_after = rotation_policy.value.expire_after

      automatic {
        time_after_creation = rotation_policy.value.automatic.time_after_creation
      }
    }
  }
}
