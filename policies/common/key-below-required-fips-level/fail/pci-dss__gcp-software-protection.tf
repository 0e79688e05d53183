resource "google_kms_key_ring" "cardholder" {
  name     = "cardholder-data"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "pan_tokens" {
  name            = "pan-tokenization"
  key_ring        = google_kms_key_ring.cardholder.id
  rotation_period = "7776000s"

  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "SOFTWARE"
  }
}
