resource "aws_kms_key" "app" {
  description         = "Application key (bsi-tr-02102 does not require a single-tenant HSM)"
  enable_key_rotation = true

  tags = { owner = "platform" }
}
