resource "aws_kms_key" "primary" {
  description         = "Multi-Region primary key for DR"
  enable_key_rotation = true
  multi_region        = true
}
