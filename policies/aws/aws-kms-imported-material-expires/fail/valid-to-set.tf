variable "key_material_base64" {
  description = "Wrapped key material, supplied at apply time"
  type        = string
  sensitive   = true
}

resource "aws_kms_external_key" "imported" {
  description         = "Key with imported material"
  key_material_base64 = var.key_material_base64
  valid_to            = "2026-12-31T23:59:59Z"
}
