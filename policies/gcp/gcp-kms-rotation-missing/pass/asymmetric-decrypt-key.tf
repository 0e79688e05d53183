resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "partner_inbound" {
  name     = "partner-inbound"
  key_ring = google_kms_key_ring.payments.id
  purpose  = "ASYMMETRIC_DECRYPT"

  version_template {
    algorithm = "RSA_DECRYPT_OAEP_3072_SHA256"
  }
}
