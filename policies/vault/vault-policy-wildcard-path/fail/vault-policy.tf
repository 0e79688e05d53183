resource "vault_policy" "ops" {
  name = "ops"

  policy = <<EOT
path "secret/data/ops/*" {
  capabilities = ["read"]
}

path "auth/*" {
  capabilities = ["create", "update", "sudo"]
}
EOT
}
