variable "key_material_base64" {
  type      = string
  sensitive = true
}

variable "material_expiry" {
  type    = string
  default = "2027-06-30T00:00:00Z"
}

resource "aws_kms_external_key" "imported" {
  description         = "Key with imported material"
  key_material_base64 = var.key_material_base64
  valid_to            = var.material_expiry
}
