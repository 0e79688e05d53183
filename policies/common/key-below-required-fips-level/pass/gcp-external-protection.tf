resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

# Key material lives in an external key manager: level unknown, never reported.
resource "google_kms_crypto_key" "ekm" {
  name                          = "ekm-storage"
  key_ring                      = google_kms_key_ring.payments.id
  skip_initial_version_creation = true

  version_template {
    algorithm        = "EXTERNAL_SYMMETRIC_ENCRYPTION"
    protection_level = "EXTERNAL"
  }
}
