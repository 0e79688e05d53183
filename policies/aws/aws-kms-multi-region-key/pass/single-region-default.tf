resource "aws_kms_key" "app" {
  description         = "Single-Region application key"
  enable_key_rotation = true

  tags = { owner = "platform" }
}
