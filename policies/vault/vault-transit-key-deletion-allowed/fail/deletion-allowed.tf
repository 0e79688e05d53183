resource "vault_transit_secret_backend_key" "scratch" {
  backend            = "transit"
  name               = "scratch"
  deletion_allowed   = true
  auto_rotate_period = 2592000
}
