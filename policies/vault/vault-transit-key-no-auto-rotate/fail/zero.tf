resource "vault_transit_secret_backend_key" "orders" {
  backend            = "transit"
  name               = "orders"
  auto_rotate_period = 0
}
