resource "google_kms_key_ring" "us" {
  name     = "us"
  location = "us-central1"
}

resource "google_kms_crypto_key" "data" {
  name            = "data"
  key_ring        = google_kms_key_ring.us.id
  rotation_period = "7776000s"
}

resource "google_storage_bucket" "data" {
  name     = "example-data"
  location = "EUROPE-WEST1"

  encryption {
    default_kms_key_name = google_kms_crypto_key.data.id
  }
}

# A zone stands for its region.
resource "google_compute_disk" "data" {
  name = "data"
  zone = "europe-west1-b"
  size = 100

  disk_encryption_key {
    kms_key_self_link = google_kms_crypto_key.data.id
  }
}
