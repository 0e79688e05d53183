variable "key_vault_id" {
  type = string
}

variable "key_expiry" {
  type    = string
  default = null
}

resource "azurerm_key_vault_key" "cmk" {
  name            = "cmk-sql-tde"
  key_vault_id    = var.key_vault_id
  key_type        = "RSA"
  key_size        = 2048
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = var.key_expiry
}
