# Admin of one ring, user of another: no single scope gives both.
resource "google_kms_key_ring_iam_member" "admin_payments" {
  key_ring_id = "projects/acme-prod/locations/europe-west1/keyRings/payments"
  role        = "roles/cloudkms.admin"
  member      = "serviceAccount:platform@acme-prod.iam.gserviceaccount.com"
}

resource "google_kms_key_ring_iam_member" "crypto_reporting" {
  key_ring_id = "projects/acme-prod/locations/europe-west1/keyRings/reporting"
  role        = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member      = "serviceAccount:platform@acme-prod.iam.gserviceaccount.com"
}
