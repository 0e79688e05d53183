terraform {
  required_version = ">= 1.6"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.10"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

locals {
  labels = {
    environment = var.environment
    service     = "orders"
    managed_by  = "terraform"
  }

  # 90 days and 30 days, in the seconds format the API expects.
  rotation_period  = "7776000s"
  destroy_schedule = "2592000s"
}

resource "google_kms_key_ring" "orders" {
  name     = "orders-${var.environment}"
  location = var.region
  project  = var.project_id

  lifecycle {
    prevent_destroy = true
  }
}

# Symmetric CMEK for Cloud SQL and GCS, HSM-backed, rotated every 90 days.
resource "google_kms_crypto_key" "orders_data" {
  name                       = "orders-data"
  key_ring                   = google_kms_key_ring.orders.id
  purpose                    = "ENCRYPT_DECRYPT"
  rotation_period            = local.rotation_period
  destroy_scheduled_duration = local.destroy_schedule
  labels                     = local.labels

  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "HSM"
  }

  lifecycle {
    prevent_destroy = true
  }
}

# Asymmetric signing key: Cloud KMS cannot auto-rotate these, so no rotation_period.
resource "google_kms_crypto_key" "artifact_signing" {
  name                       = "artifact-signing"
  key_ring                   = google_kms_key_ring.orders.id
  purpose                    = "ASYMMETRIC_SIGN"
  destroy_scheduled_duration = local.destroy_schedule
  labels                     = local.labels

  version_template {
    algorithm        = "PQ_SIGN_ML_DSA_87"
    protection_level = "HSM"
  }

  lifecycle {
    prevent_destroy = true
  }
}

# Administration on the key ring, for a human group only.
resource "google_kms_key_ring_iam_binding" "admins" {
  key_ring_id = google_kms_key_ring.orders.id
  role        = "roles/cloudkms.admin"
  members     = ["group:${var.kms_admin_group}"]
}

# Use of each key, for its workload identity only.
resource "google_kms_crypto_key_iam_member" "orders_api" {
  crypto_key_id = google_kms_crypto_key.orders_data.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:${var.app_service_account}"
}

resource "google_kms_crypto_key_iam_member" "release_signer" {
  crypto_key_id = google_kms_crypto_key.artifact_signing.id
  role          = "roles/cloudkms.signerVerifier"
  member        = "serviceAccount:${var.signer_service_account}"
}
