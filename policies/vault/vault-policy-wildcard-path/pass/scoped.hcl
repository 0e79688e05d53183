path "secret/data/payments/*" {
  capabilities = ["read"]
}

# Deny everything else explicitly.
path "*" {
  capabilities = ["deny"]
}

path "sys/policies/acl/payments" {
  capabilities = ["read", "update", "sudo"]
}
