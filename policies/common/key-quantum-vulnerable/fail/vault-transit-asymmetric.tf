resource "vault_transit_secret_backend_key" "jwt" {
  backend            = "transit"
  name               = "jwt"
  type               = "ecdsa-p256"
  auto_rotate_period = 7776000
}

resource "vault_transit_secret_backend_key" "webhooks" {
  backend            = "transit"
  name               = "webhooks"
  type               = "ed25519"
  auto_rotate_period = 7776000
}

resource "vault_transit_secret_backend_key" "legacy" {
  backend            = "transit"
  name               = "legacy"
  type               = "rsa-4096"
  auto_rotate_period = 7776000
}
