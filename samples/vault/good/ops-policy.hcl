# Policy for the operations team.
path "secret/data/ops/*" {
  capabilities = ["create", "read", "update", "delete", "list"]
}

path "sys/policies/acl/ops-*" {
  capabilities = ["create", "read", "update", "list"]
}
