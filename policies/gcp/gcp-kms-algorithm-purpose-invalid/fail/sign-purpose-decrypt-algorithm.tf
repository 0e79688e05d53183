resource "google_kms_key_ring" "ring" {
  name     = "release"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "signing" {
  name     = "release-signing"
  key_ring = google_kms_key_ring.ring.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm        = "RSA_DECRYPT_OAEP_3072_SHA256"
    protection_level = "HSM"
  }
}
