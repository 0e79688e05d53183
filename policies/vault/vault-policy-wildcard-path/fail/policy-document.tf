data "vault_policy_document" "platform" {
  rule {
    path         = "secret/data/platform/*"
    capabilities = ["read", "list"]
    description  = "read platform secrets"
  }

  rule {
    path         = "*"
    capabilities = ["read"]
    description  = "look around"
  }
}

resource "vault_policy" "platform" {
  name   = "platform"
  policy = data.vault_policy_document.platform.hcl
}
