# Vault server configuration of the staging cluster.
storage "raft" {
  path    = "/opt/vault/data"
  node_id = "vault-staging-1"
}

listener "tcp" {
  address       = "0.0.0.0:8200"
  tls_cert_file = "/etc/vault/tls/vault.crt"
  tls_key_file  = "/etc/vault/tls/vault.key"
}

# Metrics scraping from inside the VPC.
listener "tcp" {
  address     = "10.20.0.10:8210"
  tls_disable = 1
}

api_addr     = "https://vault-staging-1.internal:8200"
cluster_addr = "https://vault-staging-1.internal:8201"
ui           = true
