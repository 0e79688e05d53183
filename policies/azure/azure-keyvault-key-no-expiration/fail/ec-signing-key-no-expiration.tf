variable "key_vault_id" {
  type = string
}

resource "azurerm_key_vault_key" "token_signing" {
  name         = "jwt-signing"
  key_vault_id = var.key_vault_id
  key_type     = "EC-HSM"
  curve        = "P-256"
  key_opts     = ["sign", "verify"]
}
