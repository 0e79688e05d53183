variable "key_spec" {
  type = string
}

resource "aws_kms_key" "from_input" {
  description              = "Spec chosen at apply"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = var.key_spec
}

resource "google_kms_key_ring" "ring" {
  name     = "ring"
  location = "europe-west1"
}

# A future algorithm this version does not know: unknown, never a finding.
resource "google_kms_crypto_key" "future" {
  name     = "future"
  key_ring = google_kms_key_ring.ring.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm = "PQ_SIGN_FALCON_512"
  }
}
