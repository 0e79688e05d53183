# keylint:ignore aws-kms-rotation-disabled until=2024-12-31 -- rotation moves to the new key ring in Q4 (SEC-4411)
resource "aws_kms_key" "legacy" {
  description         = "legacy payments key"
  enable_key_rotation = false
}
