resource "vault_mount" "transit" {
  path = "transit"
  type = "transit"
}

resource "vault_transit_secret_backend_key" "payments" {
  backend            = vault_mount.transit.path
  name               = "payments"
  exportable         = true
  auto_rotate_period = 7776000
}
