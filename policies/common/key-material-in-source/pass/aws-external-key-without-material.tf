# Key material is imported out of band with `aws kms import-key-material`.
resource "aws_kms_external_key" "byok" {
  description             = "BYOK for the ledger"
  deletion_window_in_days = 30
}
