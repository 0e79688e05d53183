variable "allow_delete" {
  type = bool
}

resource "vault_transit_secret_backend_key" "scratch" {
  backend            = "transit"
  name               = "scratch"
  deletion_allowed   = var.allow_delete
  auto_rotate_period = 2592000
}
