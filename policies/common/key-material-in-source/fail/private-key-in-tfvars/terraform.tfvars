key_vault_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-payments-prod/providers/Microsoft.KeyVault/vaults/kv-payments-prod"

# Fake key for tests only.
partner_tls_key = <<-EOT
  -----BEGIN RSA PRIVATE KEY-----
  MIIBOgFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE
  AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAFAKE
  -----END RSA PRIVATE KEY-----
EOT
