variable "crypto_user" {
  type = string
}

resource "google_kms_key_ring_iam_member" "kms_admin" {
  key_ring_id = "projects/acme-prod/locations/europe-west1/keyRings/payments"
  role        = "roles/cloudkms.admin"
  member      = "group:kms-admins@example.com"
}

resource "google_kms_key_ring_iam_member" "crypto_user" {
  key_ring_id = "projects/acme-prod/locations/europe-west1/keyRings/payments"
  role        = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member      = var.crypto_user
}
