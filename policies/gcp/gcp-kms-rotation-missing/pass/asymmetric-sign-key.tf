resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

# Asymmetric keys cannot rotate automatically.
resource "google_kms_crypto_key" "release_signing" {
  name     = "release-signing"
  key_ring = google_kms_key_ring.payments.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm        = "EC_SIGN_P256_SHA256"
    protection_level = "HSM"
  }
}
