resource "google_kms_key_ring" "pq" {
  name     = "post-quantum"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "kem" {
  name     = "kem"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "KEY_ENCAPSULATION"

  version_template {
    algorithm        = "ML_KEM_768"
    protection_level = "SOFTWARE"
  }
}

resource "google_kms_crypto_key" "xwing" {
  name     = "xwing"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "KEY_ENCAPSULATION"

  version_template {
    algorithm        = "KEM_XWING"
    protection_level = "SOFTWARE"
  }
}

resource "google_kms_crypto_key" "slh_dsa" {
  name     = "slh-dsa"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm        = "PQ_SIGN_SLH_DSA_SHA2_128S"
    protection_level = "HSM"
  }
}

resource "google_kms_crypto_key" "mac" {
  name     = "mac"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "MAC"

  version_template {
    algorithm        = "HMAC_SHA256"
    protection_level = "HSM"
  }
}
