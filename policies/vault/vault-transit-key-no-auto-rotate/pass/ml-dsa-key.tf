# Post-quantum keys never get rotation findings (RULES.md "Crypto agility").
resource "vault_transit_secret_backend_key" "signing" {
  backend       = "transit"
  name          = "signing"
  type          = "ml-dsa"
  parameter_set = "87"
}
