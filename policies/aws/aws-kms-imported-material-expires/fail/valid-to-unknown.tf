# The expiry date is known only at apply, but `valid_to` is set: the material expires.
variable "material_expiry" {
  description = "No default: the date is supplied at apply"
  type        = string
}

resource "aws_kms_external_key" "imported" {
  description = "Key with imported material"
  valid_to    = var.material_expiry
}

resource "aws_kms_external_key" "one_year" {
  description = "Key with imported material for a year"
  valid_to    = timeadd(timestamp(), "8760h")
}
