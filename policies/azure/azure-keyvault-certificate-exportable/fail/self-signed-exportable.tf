variable "key_vault_id" {
  type = string
}

resource "azurerm_key_vault_certificate" "api_tls" {
  name         = "api-tls"
  key_vault_id = var.key_vault_id

  certificate_policy {
    issuer_parameters {
      name = "Self"
    }
    key_properties {
      exportable = true
      key_type   = "RSA"
      key_size   = 2048
      reuse_key  = true
    }
    secret_properties {
      content_type = "application/x-pkcs12"
    }
    x509_certificate_properties {
      subject            = "CN=api.example.com"
      key_usage          = ["digitalSignature", "keyEncipherment"]
      validity_in_months = 12
    }
  }
}
