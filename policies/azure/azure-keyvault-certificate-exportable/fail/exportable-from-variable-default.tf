variable "key_vault_id" {
  type = string
}

variable "allow_key_export" {
  type    = bool
  default = true
}

resource "azurerm_key_vault_certificate" "mtls_client" {
  name         = "partner-mtls-client"
  key_vault_id = var.key_vault_id

  certificate_policy {
    issuer_parameters {
      name = "Unknown"
    }
    key_properties {
      exportable = var.allow_key_export
      key_type   = "EC"
      curve      = "P-256"
      reuse_key  = false
    }
    secret_properties {
      content_type = "application/x-pem-file"
    }
    x509_certificate_properties {
      subject            = "CN=payments-client"
      key_usage          = ["digitalSignature"]
      validity_in_months = 6
    }
  }
}
