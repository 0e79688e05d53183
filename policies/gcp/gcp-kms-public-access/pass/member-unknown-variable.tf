variable "signing_verifier" {
  type = string
}

resource "google_kms_key_ring" "payments" {
  name     = "payments"
  location = "europe-west1"
}

resource "google_kms_key_ring_iam_member" "verifier" {
  key_ring_id = google_kms_key_ring.payments.id
  role        = "roles/cloudkms.signerVerifier"
  member      = var.signing_verifier
}
