# A server configuration with parameters keylint's list may not hold (`cache_size`,
# `disable_printable_check`, `experiments`): Vault reads it, and so does keylint.
ui                      = true
cache_size              = 131072
disable_printable_check = true
experiments             = []

seal "awskms" {
  region     = "eu-west-1"
  kms_key_id = "alias/vault-unseal"
}

storage "raft" {
  path    = "/opt/vault/data"
  node_id = "vault-1"
}

listener "tcp" {
  address     = "0.0.0.0:8200"
  tls_disable = true
}
