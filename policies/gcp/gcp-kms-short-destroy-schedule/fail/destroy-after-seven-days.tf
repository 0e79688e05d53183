resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "release_signing" {
  name                       = "release-signing"
  key_ring                   = google_kms_key_ring.payments.id
  purpose                    = "ASYMMETRIC_SIGN"
  destroy_scheduled_duration = "604800s"

  version_template {
    algorithm = "EC_SIGN_P384_SHA384"
  }
}
