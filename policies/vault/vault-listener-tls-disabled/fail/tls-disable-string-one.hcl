storage "file" {
  path = "/var/lib/vault"
}

seal "transit" {
  address    = "https://vault-central.internal:8200"
  key_name   = "autounseal"
  mount_path = "transit/"
}

listener "tcp" {
  address         = "127.0.0.1:8200"
  tls_cert_file   = "/etc/vault/tls/vault.crt"
  tls_key_file    = "/etc/vault/tls/vault.key"
}

# A second listener for the load balancer, without TLS.
listener "tcp" {
  address     = "10.0.0.5:8300"
  tls_disable = "1"
}
