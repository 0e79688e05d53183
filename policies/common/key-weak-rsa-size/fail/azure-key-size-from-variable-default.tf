variable "key_vault_id" {
  type = string
}

variable "rsa_bits" {
  type    = number
  default = 1024
}

resource "azurerm_key_vault_key" "wrap" {
  name            = "partner-wrap"
  key_vault_id    = var.key_vault_id
  key_type        = "RSA-HSM"
  key_size        = var.rsa_bits
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = "2027-01-01T00:00:00Z"
}
