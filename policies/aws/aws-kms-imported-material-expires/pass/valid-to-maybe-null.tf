# The expression itself can be null: whether the material expires is unknown.
variable "expires" {
  type = bool
}

resource "aws_kms_external_key" "imported" {
  description = "Key with imported material"
  valid_to    = var.expires ? "2027-01-01T00:00:00Z" : null
}
