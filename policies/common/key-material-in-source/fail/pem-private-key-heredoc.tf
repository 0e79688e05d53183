variable "key_vault_id" {
  type = string
}

locals {
  # Fake key for tests only.
  jwt_signing_key = <<-EOT
    -----BEGIN PRIVATE KEY-----
    MIIEvFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE
    AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAFAKE
    -----END PRIVATE KEY-----
  EOT
}

resource "azurerm_key_vault_secret" "jwt_signing_key" {
  name            = "jwt-signing-key"
  value           = local.jwt_signing_key
  key_vault_id    = var.key_vault_id
  content_type    = "application/x-pem-file"
  expiration_date = "2026-12-31T00:00:00Z"
}
