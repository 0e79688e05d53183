variable "key_material_base64" {
  type      = string
  sensitive = true
}

resource "aws_kms_external_key" "imported" {
  description         = "Key with imported material that does not expire"
  key_material_base64 = var.key_material_base64
}
