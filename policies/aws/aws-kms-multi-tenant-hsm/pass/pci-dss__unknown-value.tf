variable "custom_key_store_id" {
  description = "No default: the key store is unknown here"
  type        = string
}

resource "aws_kms_key" "cardholder" {
  description         = "Cardholder data key"
  custom_key_store_id = var.custom_key_store_id
}
