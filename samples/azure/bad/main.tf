terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}

locals {
  prefix = "kv-${var.environment}-tools"

  tags = {
    environment = var.environment
    owner       = "devops"
  }
}

# Shared vault used by every pipeline in the subscription.
resource "azurerm_key_vault" "shared" {
  name                = local.prefix
  location            = var.location
  resource_group_name = var.resource_group_name
  tenant_id           = var.tenant_id
  sku_name            = "standard"

  soft_delete_retention_days = var.soft_delete_days
  purge_protection_enabled   = false # blocks `terraform destroy` in feature environments

  rbac_authorization_enabled = false # still on access policies

  network_acls {
    default_action = "Allow" # build agents have no fixed IPs
    bypass         = "AzureServices"
  }

  tags = local.tags
}

resource "azurerm_key_vault_access_policy" "devops" {
  key_vault_id = azurerm_key_vault.shared.id
  tenant_id    = var.tenant_id
  object_id    = var.devops_object_id

  key_permissions = [
    "Backup", "Create", "Decrypt", "Delete", "Encrypt", "Get", "Import", "List",
    "Purge", "Recover", "Restore", "Sign", "UnwrapKey", "Update", "Verify", "WrapKey",
    "Release", "Rotate", "GetRotationPolicy", "SetRotationPolicy",
  ]
  secret_permissions      = ["Backup", "Delete", "Get", "List", "Purge", "Recover", "Restore", "Set"]
  certificate_permissions = ["Get", "List", "Create", "Import", "Delete", "Purge"]
}

# Key used by the artifact signing job.
resource "azurerm_key_vault_key" "artifact_encryption" {
  name         = "artifact-encryption"
  key_vault_id = azurerm_key_vault.shared.id
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["decrypt", "encrypt", "unwrapKey", "wrapKey"]
}

resource "azurerm_key_vault_key" "release_signing" {
  name            = "release-signing"
  key_vault_id    = azurerm_key_vault.shared.id
  key_type        = "EC"
  curve           = "P-256"
  key_opts        = ["sign", "verify"]
  expiration_date = "2027-06-30T00:00:00Z"

  # Rotate once a year, like the old manual process.
  rotation_policy {
    automatic {
      time_after_creation = "P365D"
    }

    expire_after         = "P400D"
    notify_before_expiry = "P30D"
  }
}

resource "azurerm_key_vault_secret" "sonar_token" {
  name         = "sonar-token"
  value        = "FAKE-not-a-real-secret"
  key_vault_id = azurerm_key_vault.shared.id
}

resource "azurerm_key_vault_certificate" "internal_tls" {
  name         = "tools-internal-tls"
  key_vault_id = azurerm_key_vault.shared.id

  certificate_policy {
    issuer_parameters {
      name = "Self"
    }

    key_properties {
      exportable = true
      key_size   = 2048
      key_type   = "RSA"
      reuse_key  = true
    }

    lifetime_action {
      action {
        action_type = "AutoRenew"
      }

      trigger {
        days_before_expiry = 30
      }
    }

    secret_properties {
      content_type = "application/x-pkcs12"
    }

    x509_certificate_properties {
      extended_key_usage = ["1.3.6.1.5.5.7.3.1"]
      key_usage          = ["digitalSignature", "keyEncipherment"]
      subject            = "CN=tools.internal.example.com"
      validity_in_months = 12

      subject_alternative_names {
        dns_names = ["tools.internal.example.com"]
      }
    }
  }
}

# Metrics only: the AuditEvent category was dropped to save ingestion cost.
resource "azurerm_monitor_diagnostic_setting" "shared_vault" {
  name                       = "diag-${local.prefix}"
  target_resource_id         = azurerm_key_vault.shared.id
  log_analytics_workspace_id = var.log_analytics_workspace_id

  enabled_log {
    category = "AzurePolicyEvaluationDetails"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}
