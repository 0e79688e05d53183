resource "vault_transit_secret_backend_key" "orders" {
  backend = "transit"
  name    = "orders"
  type    = "aes256-gcm96"
}
