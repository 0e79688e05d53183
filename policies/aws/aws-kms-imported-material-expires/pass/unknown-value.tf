variable "material_expiry" {
  description = "No default: the expiry is unknown here"
  type        = string
}

resource "aws_kms_external_key" "imported" {
  description = "Key with imported material"
  valid_to    = var.material_expiry
}
