# Google-owned keys: no CMEK.
resource "google_storage_bucket" "data" {
  name     = "example-data"
  location = "EU"
}

resource "google_pubsub_topic" "events" {
  name = "events"
}

resource "google_bigquery_dataset" "analytics" {
  dataset_id = "analytics"
  location   = "EU"

  default_encryption_configuration {
    kms_key_name = ""
  }
}
