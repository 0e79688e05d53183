variable "key_spec" {
  type    = string
  default = "ECC_NIST_P256"
}

resource "aws_kms_key" "signing" {
  description              = "Token signing key"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = var.key_spec
  enable_key_rotation      = true
}
