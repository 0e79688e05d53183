# Policy for the operations team.
path "secret/data/ops/*" {
  capabilities = ["create", "read", "update", "delete", "list"]
}

path "sys/*" {
  capabilities = ["read", "list", "sudo"]
}
