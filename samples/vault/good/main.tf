resource "vault_mount" "transit" {
  path = "transit"
  type = "transit"
}

# keylint:ignore key-below-required-fips-level -- transit keys are software keys (FIPS 140 level 1); card data uses the HSM-backed AWS KMS keys instead
resource "vault_transit_secret_backend_key" "payments" {
  backend            = vault_mount.transit.path
  name               = "payments"
  auto_rotate_period = 7776000
}

resource "vault_policy" "payments_app" {
  name = "payments-app"

  policy = <<EOT
path "transit/encrypt/payments" {
  capabilities = ["update"]
}

path "transit/decrypt/payments" {
  capabilities = ["update"]
}
EOT
}
