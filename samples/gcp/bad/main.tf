terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

locals {
  ci_member = "serviceAccount:${var.ci_service_account}"

  labels = {
    team = "data-eng"
    env  = "staging"
  }
}

resource "google_kms_key_ring" "data" {
  name     = "data-platform"
  location = var.region
}

# CMEK for the BigQuery datasets. Rotation is "handled manually" by the data team.
resource "google_kms_crypto_key" "bigquery" {
  name     = "bigquery-cmek"
  key_ring = google_kms_key_ring.data.id
  labels   = local.labels
}

# Backup key: rotated yearly, and destroyed after one day so `terraform destroy` is quick.
resource "google_kms_crypto_key" "backups" {
  name                       = "backups"
  key_ring                   = google_kms_key_ring.data.id
  purpose                    = "ENCRYPT_DECRYPT"
  rotation_period            = "31536000s"
  destroy_scheduled_duration = "86400s"

  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "SOFTWARE"
  }
}

# Release signing key; the public key is published so customers can verify downloads.
resource "google_kms_crypto_key" "release_signing" {
  name     = "release-signing"
  key_ring = google_kms_key_ring.data.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm        = "RSA_SIGN_PKCS1_4096_SHA512"
    protection_level = "HSM"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "google_kms_crypto_key_iam_member" "release_signing_public" {
  crypto_key_id = google_kms_crypto_key.release_signing.id
  role          = "roles/cloudkms.publicKeyViewer"
  member        = "allUsers"
}

# The CI account creates the keys and also runs the backup jobs that use them.
resource "google_kms_key_ring_iam_binding" "admins" {
  key_ring_id = google_kms_key_ring.data.id
  role        = "roles/cloudkms.admin"
  members = [
    local.ci_member,
    "group:data-eng-leads@example.com",
  ]
}

resource "google_kms_key_ring_iam_member" "ci_crypto" {
  key_ring_id = google_kms_key_ring.data.id
  role        = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member      = local.ci_member
}

resource "google_kms_crypto_key_iam_member" "bigquery_agent" {
  crypto_key_id = google_kms_crypto_key.bigquery.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:${var.bigquery_service_agent}"
}
