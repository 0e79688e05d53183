variable "service" {
  type = string
}

resource "google_kms_crypto_key" "payments" {
  name            = "payments"
  key_ring        = "projects/payments-prod/locations/europe-west1/keyRings/payments"
  rotation_period = "7776000s"
}

# Known only at apply: may be cloudkms.googleapis.com.
resource "google_folder_iam_audit_config" "kms" {
  folder  = "folders/1234567890"
  service = var.service

  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}
