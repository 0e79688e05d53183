# Imported key material still lives in the shared AWS KMS key store.
resource "aws_kms_external_key" "cardholder" {
  description             = "Cardholder data key with imported material"
  deletion_window_in_days = 30
}
