# Vault transit keys live in Vault's software keyring (FIPS 140 level 1).
resource "vault_transit_secret_backend_key" "tokens" {
  backend            = "transit"
  name               = "tokens"
  auto_rotate_period = 7776000
}
