resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "webhook_hmac" {
  name     = "webhook-hmac"
  key_ring = google_kms_key_ring.payments.id
  purpose  = "MAC"

  version_template {
    algorithm        = "HMAC_SHA256"
    protection_level = "HSM"
  }
}
