resource "google_kms_key_ring_iam_member" "ops_admin" {
  key_ring_id = "projects/acme-prod/locations/europe-west1/keyRings/payments"
  role        = "roles/cloudkms.admin"
  member      = "user:ops-lead@example.com"
}

resource "google_kms_key_ring_iam_member" "ops_crypto" {
  key_ring_id = "projects/acme-prod/locations/europe-west1/keyRings/payments"
  role        = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member      = "user:ops-lead@example.com"
}
