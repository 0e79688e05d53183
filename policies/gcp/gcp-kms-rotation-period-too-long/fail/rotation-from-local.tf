locals {
  kms_rotation_period = "15552000s" # 180 days
}

resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "pubsub" {
  name            = "pubsub-cmek"
  key_ring        = google_kms_key_ring.payments.id
  rotation_period = local.kms_rotation_period
}
