variable "algorithm" {
  type = string
}

resource "google_kms_crypto_key" "symmetric" {
  name            = "data"
  key_ring        = "projects/p/locations/europe-west1/keyRings/ring"
  rotation_period = "7776000s"
}

resource "google_kms_crypto_key" "kem" {
  name     = "kem"
  key_ring = "projects/p/locations/europe-west1/keyRings/ring"
  purpose  = "KEY_ENCAPSULATION"

  version_template {
    algorithm = "ML_KEM_768"
  }
}

resource "google_kms_crypto_key" "pq_sign" {
  name     = "pq-sign"
  key_ring = "projects/p/locations/europe-west1/keyRings/ring"
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm = "PQ_SIGN_ML_DSA_65"
  }
}

# Cloud EKM: not in the table, never judged.
resource "google_kms_crypto_key" "external" {
  name     = "ekm"
  key_ring = "projects/p/locations/europe-west1/keyRings/ring"

  version_template {
    algorithm        = "EXTERNAL_SYMMETRIC_ENCRYPTION"
    protection_level = "EXTERNAL"
  }
}

# Known only at apply.
resource "google_kms_crypto_key" "unknown" {
  name     = "unknown"
  key_ring = "projects/p/locations/europe-west1/keyRings/ring"
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm = var.algorithm
  }
}
