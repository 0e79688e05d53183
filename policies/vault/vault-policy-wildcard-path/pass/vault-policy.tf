resource "vault_policy" "reader" {
  name = "reader"

  policy = <<EOT
path "secret/data/reader/*" {
  capabilities = ["read", "list"]
}
EOT
}
