data "google_iam_policy" "payments_ring" {
  binding {
    role    = "roles/cloudkms.admin"
    members = ["user:jane@example.com"]
  }

  binding {
    role    = "roles/cloudkms.cryptoKeyEncrypter"
    members = ["user:jane@example.com", "serviceAccount:batch@acme-prod.iam.gserviceaccount.com"]
  }
}

resource "google_kms_key_ring_iam_policy" "payments_ring" {
  key_ring_id = "projects/acme-prod/locations/europe-west1/keyRings/payments"
  policy_data = data.google_iam_policy.payments_ring.policy_data
}
