# Vault server configuration of the production cluster.
storage "raft" {
  path    = "/opt/vault/data"
  node_id = "vault-prod-1"
}

seal "awskms" {
  region     = "eu-west-1"
  kms_key_id = "alias/vault-prod-unseal"
}

listener "tcp" {
  address       = "0.0.0.0:8200"
  tls_cert_file = "/etc/vault/tls/vault.crt"
  tls_key_file  = "/etc/vault/tls/vault.key"
}

api_addr     = "https://vault-prod-1.internal:8200"
cluster_addr = "https://vault-prod-1.internal:8201"
ui           = true
