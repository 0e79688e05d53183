resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "decrypt" {
  name     = "partner-decrypt"
  key_ring = google_kms_key_ring.payments.id
  purpose  = "ASYMMETRIC_DECRYPT"

  version_template {
    algorithm        = "RSA_DECRYPT_OAEP_4096_SHA256"
    protection_level = "HSM"
  }
}

resource "google_kms_crypto_key" "signing" {
  name     = "token-signing"
  key_ring = google_kms_key_ring.payments.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm        = "EC_SIGN_ED25519"
    protection_level = "HSM"
  }
}
