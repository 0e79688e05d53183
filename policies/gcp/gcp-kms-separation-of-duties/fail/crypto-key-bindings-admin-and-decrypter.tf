resource "google_kms_crypto_key_iam_binding" "admins" {
  crypto_key_id = "projects/acme-prod/locations/europe-west1/keyRings/payments/cryptoKeys/ledger"
  role          = "roles/cloudkms.admin"
  members = [
    "group:kms-admins@example.com",
    "serviceAccount:terraform@acme-prod.iam.gserviceaccount.com",
  ]
}

resource "google_kms_crypto_key_iam_binding" "decrypters" {
  crypto_key_id = "projects/acme-prod/locations/europe-west1/keyRings/payments/cryptoKeys/ledger"
  role          = "roles/cloudkms.cryptoKeyDecrypter"
  members = [
    "serviceAccount:ledger-app@acme-prod.iam.gserviceaccount.com",
    "serviceAccount:terraform@acme-prod.iam.gserviceaccount.com",
  ]
}
