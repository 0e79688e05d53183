resource "google_bigquery_dataset" "analytics" {
  dataset_id = "analytics"
  location   = "europe-west1"

  default_encryption_configuration {
    kms_key_name = "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/bq"
  }
}

# A table without a key of its own takes its dataset's default key: the dataset is judged.
resource "google_bigquery_table" "events" {
  dataset_id = google_bigquery_dataset.analytics.dataset_id
  table_id   = "events"
}

# The default node pool is removed: its node configuration encrypts nothing.
resource "google_container_cluster" "main" {
  name                     = "main"
  location                 = "europe-west1"
  remove_default_node_pool = true
  initial_node_count       = 1

  database_encryption {
    state    = "ENCRYPTED"
    key_name = "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/etcd"
  }

  node_config {
    service_account = "nodes@p.iam.gserviceaccount.com"
  }
}
