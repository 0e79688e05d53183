# Fake material for tests: decodes to FAKE-KEY-MATERIAL-FOR-TESTS-ONLY.
resource "aws_kms_external_key" "byok" {
  description             = "BYOK for the ledger"
  deletion_window_in_days = 30
  key_material_base64     = "RkFLRS1LRVktTUFURVJJQUwtRk9SLVRFU1RTLU9OTFk="
}
