variable "key_spec" {
  type    = string
  default = "RSA_4096"
}

resource "aws_kms_key" "wrapping" {
  description              = "Key wrapping for the HSM export"
  key_usage                = "ENCRYPT_DECRYPT"
  customer_master_key_spec = var.key_spec
}
