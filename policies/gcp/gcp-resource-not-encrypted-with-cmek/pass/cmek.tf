resource "google_kms_key_ring" "main" {
  name     = "main"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "data" {
  name            = "data"
  key_ring        = google_kms_key_ring.main.id
  rotation_period = "7776000s"
}

resource "google_storage_bucket" "data" {
  name     = "example-data"
  location = "EUROPE-WEST1"

  encryption {
    default_kms_key_name = google_kms_crypto_key.data.id
  }
}

resource "google_pubsub_topic" "events" {
  name         = "events"
  kms_key_name = "projects/p/locations/europe-west1/keyRings/main/cryptoKeys/data"
}

# A cluster without node configuration blocks has none to judge; its etcd secrets use a CMEK.
resource "google_container_cluster" "main" {
  name     = "main"
  location = "europe-west1"

  database_encryption {
    state    = "ENCRYPTED"
    key_name = google_kms_crypto_key.data.id
  }
}
