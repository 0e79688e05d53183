resource "google_kms_key_ring" "ci" {
  name     = "ci-scratch"
  location = "europe-west1"
}

# keylint:ignore gcp-kms-no-prevent-destroy -- ephemeral CI key ring, destroyed nightly (SEC-1234)
resource "google_kms_crypto_key" "ci" {
  name            = "ci-scratch"
  key_ring        = google_kms_key_ring.ci.id
  rotation_period = "7776000s"
}
