# The rotation policy comes from a `dynamic` block over a variable without a default:
# unknown, never "no rotation policy".
variable "key_vault_id" {
  type = string
}

variable "rotation_policy" {
  type = object({
    time_after_creation = string
    expire_after        = string
  })
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
        time_after_creation = rotation_policy.value.time_after_creation
      }
    }
  }
}
