resource "aws_kms_key" "primary" {
  description  = "Multi-Region primary key"
  multi_region = true

  tags = { owner = "platform" }
}
