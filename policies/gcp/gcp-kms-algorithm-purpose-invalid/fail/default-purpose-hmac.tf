resource "google_kms_crypto_key" "mac" {
  name     = "webhook-mac"
  key_ring = "projects/p/locations/europe-west1/keyRings/ring"

  version_template {
    algorithm        = "HMAC_SHA256"
    protection_level = "HSM"
  }
}
