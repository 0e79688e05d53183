# The date comes from another resource: unknown to keylint, so no finding.
variable "key_vault_id" {
  type = string
}

resource "time_offset" "key_expiry" {
  offset_days = 365
}

resource "azurerm_key_vault_key" "cmk" {
  name            = "cmk-storage"
  key_vault_id    = var.key_vault_id
  key_type        = "RSA-HSM"
  key_size        = 3072
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = time_offset.key_expiry.rfc3339
}
