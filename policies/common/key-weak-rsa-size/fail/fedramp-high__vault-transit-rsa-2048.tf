resource "vault_transit_secret_backend_key" "signing" {
  backend            = "transit"
  name               = "signing"
  type               = "rsa-2048"
  auto_rotate_period = 7776000
}
