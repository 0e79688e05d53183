resource "google_kms_crypto_key" "payments" {
  name            = "payments"
  key_ring        = "projects/payments-prod/locations/europe-west1/keyRings/payments"
  rotation_period = "7776000s"
}

resource "google_project_iam_audit_config" "all" {
  project = "payments-prod"
  service = "allServices"

  audit_log_config {
    log_type = "DATA_READ"
    exempted_members = ["serviceAccount:batch@payments-prod.iam.gserviceaccount.com"]
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}
