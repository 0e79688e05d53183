storage "raft" {
  path = "/opt/vault/data"
}

seal "gcpckms" {
  project    = "vault-prod"
  region     = "global"
  key_ring   = "vault"
  crypto_key = "unseal"
}

listener "tcp" {
  address     = "0.0.0.0:8200"
  tls_disable = true
}
