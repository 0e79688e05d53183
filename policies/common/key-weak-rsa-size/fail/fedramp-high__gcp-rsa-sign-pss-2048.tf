resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "us-east4"
}

resource "google_kms_crypto_key" "release_signing" {
  name     = "release-signing"
  key_ring = google_kms_key_ring.payments.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm        = "RSA_SIGN_PSS_2048_SHA256"
    protection_level = "HSM"
  }
}
