resource "google_kms_key_ring" "eu" {
  name     = "eu"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "data" {
  name            = "data"
  key_ring        = google_kms_key_ring.eu.id
  rotation_period = "7776000s"
}

resource "google_storage_bucket" "data" {
  name     = "example-data"
  location = "EUROPE-WEST1"

  encryption {
    default_kms_key_name = google_kms_crypto_key.data.id
  }
}

resource "google_compute_disk" "data" {
  name = "data"
  zone = "europe-west1-c"
  size = 100

  disk_encryption_key {
    kms_key_self_link = google_kms_crypto_key.data.id
  }
}

# A multi-region bucket is not compared (RULES.md: multi-region and global never fire).
resource "google_storage_bucket" "archive" {
  name     = "example-archive"
  location = "EU"

  encryption {
    default_kms_key_name = google_kms_crypto_key.data.id
  }
}
