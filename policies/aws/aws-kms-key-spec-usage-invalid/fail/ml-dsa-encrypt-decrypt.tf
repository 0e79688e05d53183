resource "aws_kms_key" "pq" {
  description              = "ML-DSA keys only sign"
  customer_master_key_spec = "ML_DSA_87"
}
