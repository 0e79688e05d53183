variable "allow_backup" {
  type    = bool
  default = true
}

resource "vault_transit_secret_backend_key" "ledger" {
  backend                = "transit"
  name                   = "ledger"
  allow_plaintext_backup = var.allow_backup
  auto_rotate_period     = 7776000
}
