variable "key_vault_id" {
  type = string
}

# keylint:ignore azure-keyvault-key-no-expiration,azure-keyvault-key-no-rotation-policy -- SAML signing key pinned by the IdP, rotated manually each year
resource "azurerm_key_vault_key" "legacy_sso" {
  name         = "legacy-sso-signing"
  key_vault_id = var.key_vault_id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["sign", "verify"]
}
