resource "vault_transit_secret_backend_key" "signing" {
  backend       = "transit"
  name          = "signing"
  type          = "ml-dsa"
  parameter_set = "65"
}

resource "vault_transit_secret_backend_key" "data" {
  backend            = "transit"
  name               = "data"
  auto_rotate_period = 7776000
}

resource "vault_transit_secret_backend_key" "mac" {
  backend            = "transit"
  name               = "mac"
  type               = "hmac"
  auto_rotate_period = 7776000
}
