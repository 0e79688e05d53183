variable "rotation_period" {
  type    = string
  default = "7776000s"
}

resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "storage" {
  name            = "storage-cmek"
  key_ring        = google_kms_key_ring.payments.id
  rotation_period = var.rotation_period
}
