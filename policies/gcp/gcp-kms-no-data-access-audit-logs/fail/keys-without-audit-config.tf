resource "google_kms_key_ring" "ring" {
  name     = "payments"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "payments" {
  name            = "payments"
  key_ring        = google_kms_key_ring.ring.id
  rotation_period = "7776000s"
}

resource "google_kms_crypto_key" "ledger" {
  name            = "ledger"
  key_ring        = google_kms_key_ring.ring.id
  rotation_period = "7776000s"
}

# Logs only admin reads: no data access logs.
resource "google_project_iam_audit_config" "kms" {
  project = "payments-prod"
  service = "cloudkms.googleapis.com"

  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
}
