# ML-DSA keys are asymmetric: they cannot rotate, so rotation off is not a finding.
resource "aws_kms_key" "signing" {
  description              = "Post-quantum signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ML_DSA_65"
}
