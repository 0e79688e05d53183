resource "google_kms_key_ring" "pq" {
  name     = "post-quantum"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "kem" {
  name     = "kem"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "KEY_ENCAPSULATION"

  version_template {
    algorithm = "ML_KEM_1024"
  }
}

resource "google_kms_crypto_key" "xwing" {
  name     = "xwing"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "KEY_ENCAPSULATION"

  version_template {
    algorithm = "KEM_XWING"
  }
}

resource "google_kms_crypto_key" "slh_dsa" {
  name     = "slh-dsa"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm = "PQ_SIGN_HASH_SLH_DSA_SHA2_128S_SHA256"
  }
}

resource "google_kms_crypto_key" "ml_dsa_mu" {
  name     = "ml-dsa-mu"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm = "PQ_SIGN_ML_DSA_87_EXTERNAL_MU"
  }
}
