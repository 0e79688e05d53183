resource "aws_kms_key" "cardholder" {
  description         = "Cardholder data key"
  enable_key_rotation = true

  tags = { owner = "platform" }
}
