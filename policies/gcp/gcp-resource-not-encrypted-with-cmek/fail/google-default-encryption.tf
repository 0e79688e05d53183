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

resource "google_container_node_pool" "workers" {
  name     = "workers"
  cluster  = "main"
  location = "europe-west1"

  node_config {
    machine_type = "e2-standard-4"
  }
}

# One replica without its key is enough.
resource "google_secret_manager_secret" "api" {
  secret_id = "api"

  replication {
    user_managed {
      replicas {
        location = "europe-west1"
        customer_managed_encryption {
          kms_key_name = "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/secrets"
        }
      }
      replicas {
        location = "europe-west4"
      }
    }
  }
}
