# The configuration calls a registry module keylint does not fetch: it may create the
# project's audit config, so whether Cloud KMS data access is logged is unknown.
resource "google_kms_key_ring" "ring" {
  name     = "app"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "app" {
  name            = "app"
  key_ring        = google_kms_key_ring.ring.id
  rotation_period = "7776000s"
}

module "project_baseline" {
  source     = "terraform-google-modules/project-factory/google//modules/project_services"
  version    = "~> 17.0"
  project_id = "example-project"
}
