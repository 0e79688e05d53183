resource "vault_mount" "transit" {
  path = "transit"
  type = "transit"
}

resource "vault_transit_secret_backend_key" "payments" {
  backend                = vault_mount.transit.path
  name                   = "payments"
  exportable             = true
  allow_plaintext_backup = true
  deletion_allowed       = true
}

resource "vault_policy" "break_glass" {
  name = "break-glass"

  policy = <<EOT
path "*" {
  capabilities = ["create", "read", "update", "delete", "list", "sudo"]
}
EOT
}
