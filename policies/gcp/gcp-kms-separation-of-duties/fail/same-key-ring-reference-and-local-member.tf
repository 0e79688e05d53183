locals {
  platform_sa = "serviceAccount:platform@acme-prod.iam.gserviceaccount.com"
}

resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

resource "google_kms_key_ring_iam_member" "platform_admin" {
  key_ring_id = google_kms_key_ring.payments.id
  role        = "roles/cloudkms.admin"
  member      = local.platform_sa
}

resource "google_kms_key_ring_iam_member" "platform_crypto" {
  key_ring_id = google_kms_key_ring.payments.id
  role        = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member      = local.platform_sa
}
