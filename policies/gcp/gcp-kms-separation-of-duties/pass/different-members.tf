resource "google_kms_key_ring_iam_member" "kms_admins" {
  key_ring_id = "projects/acme-prod/locations/europe-west1/keyRings/payments"
  role        = "roles/cloudkms.admin"
  member      = "group:kms-admins@example.com"
}

resource "google_kms_key_ring_iam_member" "app_crypto" {
  key_ring_id = "projects/acme-prod/locations/europe-west1/keyRings/payments"
  role        = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member      = "serviceAccount:payments-app@acme-prod.iam.gserviceaccount.com"
}
