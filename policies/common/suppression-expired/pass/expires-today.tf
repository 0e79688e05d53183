# The fixture clock is 2026-06-01: a suppression is live through its `until` day.
# keylint:ignore aws-kms-rotation-disabled until=2026-06-01 -- last day of the exception (SEC-4411)
resource "aws_kms_key" "legacy" {
  description         = "legacy payments key"
  enable_key_rotation = false
}
