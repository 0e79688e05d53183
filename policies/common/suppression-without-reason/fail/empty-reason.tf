resource "aws_kms_key" "scratch" {
  description             = "Scratch key for load tests"
  deletion_window_in_days = 7 # keylint:ignore aws-kms-short-deletion-window --
  enable_key_rotation     = true
}
