resource "google_kms_key_ring" "pq" {
  name     = "post-quantum"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "signing" {
  name     = "signing"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm        = "PQ_SIGN_ML_DSA_65"
    protection_level = "HSM"
  }
}
