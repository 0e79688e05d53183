# Quantum-vulnerable keys are key-quantum-vulnerable's; symmetric and HMAC keys never fire.
resource "aws_kms_key" "rsa" {
  description              = "RSA signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "RSA_4096"
}

resource "aws_kms_key" "data" {
  description         = "Data encryption"
  enable_key_rotation = true
}

resource "aws_kms_key" "hmac" {
  description              = "MACs"
  key_usage                = "GENERATE_VERIFY_MAC"
  customer_master_key_spec = "HMAC_224"
}

resource "vault_transit_secret_backend_key" "aes128" {
  backend            = "transit"
  name               = "aes128"
  type               = "aes128-gcm96"
  auto_rotate_period = 7776000
}
