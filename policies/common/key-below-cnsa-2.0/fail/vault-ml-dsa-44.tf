variable "parameter_set" {
  type    = string
  default = "44"
}

resource "vault_transit_secret_backend_key" "signing" {
  backend       = "transit"
  name          = "signing"
  type          = "ml-dsa"
  parameter_set = var.parameter_set
}
