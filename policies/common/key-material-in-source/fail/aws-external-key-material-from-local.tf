locals {
  # Fake material for tests only.
  ledger_key_material = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAFAKE="
}

resource "aws_kms_external_key" "byok" {
  description             = "BYOK for the ledger"
  deletion_window_in_days = 30
  key_material_base64     = local.ledger_key_material
  valid_to                = "2027-01-01T00:00:00Z"
}
