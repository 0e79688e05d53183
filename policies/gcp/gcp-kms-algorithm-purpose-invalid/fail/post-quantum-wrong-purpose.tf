resource "google_kms_key_ring" "pq" {
  name     = "post-quantum"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "kem_for_signing" {
  name     = "kem"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm = "ML_KEM_768"
  }
}

resource "google_kms_crypto_key" "xwing_for_decrypt" {
  name     = "xwing"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "ASYMMETRIC_DECRYPT"

  version_template {
    algorithm = "KEM_XWING"
  }
}

resource "google_kms_crypto_key" "ml_dsa_for_kem" {
  name     = "ml-dsa"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "KEY_ENCAPSULATION"

  version_template {
    algorithm = "PQ_SIGN_ML_DSA_65"
  }
}
