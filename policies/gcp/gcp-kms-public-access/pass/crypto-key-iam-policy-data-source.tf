resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "storage" {
  name            = "storage-cmek"
  key_ring        = google_kms_key_ring.payments.id
  rotation_period = "7776000s"
}

data "google_iam_policy" "storage_key" {
  binding {
    role    = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
    members = ["serviceAccount:app@acme-prod.iam.gserviceaccount.com"]
  }
}

resource "google_kms_crypto_key_iam_policy" "storage_key" {
  crypto_key_id = google_kms_crypto_key.storage.id
  policy_data   = data.google_iam_policy.storage_key.policy_data
}
