resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

resource "google_kms_key_ring_iam_binding" "viewers" {
  key_ring_id = google_kms_key_ring.payments.id
  role        = "roles/cloudkms.viewer"
  members = [
    "group:kms-auditors@example.com",
    "allAuthenticatedUsers",
  ]
}
