variable "protection_level" {
  type = string
}

resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "storage" {
  name            = "storage-cmek"
  key_ring        = google_kms_key_ring.payments.id
  rotation_period = "7776000s"

  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = var.protection_level
  }
}
