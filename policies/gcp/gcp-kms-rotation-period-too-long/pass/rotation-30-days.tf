resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "bigquery" {
  name            = "bigquery-cmek"
  key_ring        = google_kms_key_ring.payments.id
  rotation_period = "2592000s"

  lifecycle {
    prevent_destroy = true
  }
}
