# Break-glass admin policy
path "*" {
  capabilities = ["create", "read", "update", "delete", "list", "sudo"]
}
