variable "key_material_base64" {
  type      = string
  sensitive = true
}

locals {
  expiry = "2026-01-01T00:00:00Z"
}

resource "aws_kms_external_key" "primary" {
  description         = "Multi-Region key with imported material"
  multi_region        = true
  key_material_base64 = var.key_material_base64
  valid_to            = local.expiry
}
