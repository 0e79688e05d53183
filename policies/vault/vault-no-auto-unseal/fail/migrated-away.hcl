storage "raft" {
  path = "/opt/vault/data"
}

# The old auto-unseal seal, disabled during a migration back to Shamir.
seal "awskms" {
  region     = "eu-west-1"
  kms_key_id = "alias/vault-unseal"
  disabled   = "true"
}

listener "tcp" {
  address       = "0.0.0.0:8200"
  tls_cert_file = "/etc/vault/tls/vault.crt"
  tls_key_file  = "/etc/vault/tls/vault.key"
}
