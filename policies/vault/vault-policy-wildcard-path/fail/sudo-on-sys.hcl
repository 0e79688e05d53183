path "secret/data/ops/*" {
  capabilities = ["read", "list"]
}

path "sys/*" {
  capabilities = ["read", "sudo"]
}
