terraform {
  required_version = ">= 1.6"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.40"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}

provider "azurerm" {
  features {
    key_vault {
      purge_soft_delete_on_destroy = false
    }
  }
}

locals {
  vault_name = "kv-ingest-${var.environment}-weu"

  tags = {
    environment = var.environment
    workload    = "ingest"
    owner       = "platform-security"
  }
}

# keylint:ignore azure-keyvault-rbac-disabled -- the legacy ingestion service cannot use RBAC data roles yet; migration tracked in SEC-1423
resource "azurerm_key_vault" "ingest" {
  name                = local.vault_name
  location            = var.location
  resource_group_name = var.resource_group_name
  tenant_id           = var.tenant_id
  sku_name            = "premium"

  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  public_network_access_enabled = false

  # Access policies until the ingestion service moves to RBAC (see the suppression above).
  rbac_authorization_enabled = false

  network_acls {
    default_action             = "Deny"
    bypass                     = "AzureServices"
    ip_rules                   = var.office_egress_cidrs
    virtual_network_subnet_ids = var.allowed_subnet_ids
  }

  tags = local.tags
}

# Least-privilege access policy: wrap/unwrap with the CMK and read one secret.
resource "azurerm_key_vault_access_policy" "ingest_app" {
  key_vault_id = azurerm_key_vault.ingest.id
  tenant_id    = var.tenant_id
  object_id    = var.ingest_app_object_id

  key_permissions    = ["Get", "WrapKey", "UnwrapKey"]
  secret_permissions = ["Get"]
}

# Customer managed key for the ingestion storage, HSM-backed and auto-rotated.
resource "azurerm_key_vault_key" "storage_cmk" {
  name            = "cmk-ingest-storage"
  key_vault_id    = azurerm_key_vault.ingest.id
  key_type        = "RSA-HSM"
  key_size        = 3072
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = "2027-12-31T23:59:59Z"

  rotation_policy {
    automatic {
      time_after_creation = "P60D"
    }

    expire_after         = "P90D"
    notify_before_expiry = "P14D"
  }

  tags = local.tags
}

resource "azurerm_key_vault_key" "event_signing" {
  name            = "ingest-event-signing"
  key_vault_id    = azurerm_key_vault.ingest.id
  key_type        = "EC-HSM"
  curve           = "P-384"
  key_opts        = ["sign", "verify"]
  expiration_date = "2027-12-31T23:59:59Z"

  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }

    expire_after         = "P90D"
    notify_before_expiry = "P29D"
  }
}

resource "random_password" "queue_connection" {
  length  = 40
  special = true
}

resource "azurerm_key_vault_secret" "queue_connection" {
  name            = "ingest-queue-password"
  key_vault_id    = azurerm_key_vault.ingest.id
  value           = random_password.queue_connection.result
  content_type    = "password"
  expiration_date = "2026-12-31T23:59:59Z"

  tags = local.tags
}

resource "azurerm_monitor_diagnostic_setting" "ingest_vault" {
  name                       = "diag-${local.vault_name}"
  target_resource_id         = azurerm_key_vault.ingest.id
  log_analytics_workspace_id = var.log_analytics_workspace_id

  enabled_log {
    category = "AuditEvent"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}
