variable "kmsuser_password" {
  type      = string
  sensitive = true
}

variable "trust_anchor_pem" {
  type = string
}

resource "aws_kms_custom_key_store" "hsm" {
  custom_key_store_name    = "records-hsm"
  cloud_hsm_cluster_id     = "cluster-1a2b3c4d5e6"
  key_store_password       = var.kmsuser_password
  trust_anchor_certificate = var.trust_anchor_pem
}

resource "aws_kms_key" "records" {
  description         = "Case records key"
  custom_key_store_id = aws_kms_custom_key_store.hsm.id
}
