resource "aws_kms_key" "signing" {
  description              = "CNSA 2.0 signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ML_DSA_87"
}

resource "google_kms_key_ring" "pq" {
  name     = "post-quantum"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "kem" {
  name     = "kem"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "KEY_ENCAPSULATION"

  version_template {
    algorithm        = "ML_KEM_1024"
    protection_level = "HSM"
  }
}

resource "google_kms_crypto_key" "signing" {
  name     = "signing"
  key_ring = google_kms_key_ring.pq.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm        = "PQ_SIGN_ML_DSA_87"
    protection_level = "HSM"
  }
}

resource "vault_transit_secret_backend_key" "signing" {
  backend       = "transit"
  name          = "signing"
  type          = "ml-dsa"
  parameter_set = "87"
}
