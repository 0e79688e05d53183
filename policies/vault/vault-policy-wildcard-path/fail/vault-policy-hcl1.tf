resource "vault_policy" "legacy" {
  name = "legacy"

  policy = <<EOT
path "secret/data/legacy/*"
{
  capabilities = ["read"]
}

path "sys/mounts/*" {
  policy = "sudo"
}
EOT
}
