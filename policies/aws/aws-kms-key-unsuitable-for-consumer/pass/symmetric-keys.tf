resource "aws_kms_key" "data" {
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = aws_kms_key.data.id
}

variable "key_spec" {
  type = string
}

# Known only at apply: never judged.
resource "aws_kms_key" "chosen" {
  customer_master_key_spec = var.key_spec
  deletion_window_in_days  = 30
}

resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = aws_kms_key.chosen.arn
}
