resource "aws_kms_key" "mac" {
  customer_master_key_spec = "HMAC_256"
  key_usage                = "GENERATE_VERIFY_MAC"
  deletion_window_in_days  = 30
}

resource "aws_kms_alias" "mac" {
  name          = "alias/mac"
  target_key_id = aws_kms_key.mac.key_id
}

# The alias stands for the key it targets.
resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = aws_kms_alias.mac.name
}
