variable "pattern" {
  type = string
}

resource "aws_kms_key" "data" {
  description         = "Data key"
  enable_key_rotation = true
}

# Known only at apply: may catch both calls.
resource "aws_cloudwatch_event_rule" "kms" {
  name          = "kms-key-deletion"
  event_pattern = var.pattern
}
