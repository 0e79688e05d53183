variable "key_vault_id" {
  type = string
}

resource "tls_private_key" "jwt" {
  algorithm   = "ECDSA"
  ecdsa_curve = "P256"
}

resource "azurerm_key_vault_secret" "jwt_signing_key" {
  name            = "jwt-signing-key"
  value           = tls_private_key.jwt.private_key_pem
  key_vault_id    = var.key_vault_id
  content_type    = "application/x-pem-file"
  expiration_date = "2026-12-31T00:00:00Z"
}
