# The configuration calls a registry module keylint does not fetch: it may create the
# metric filter and alarm, or the EventBridge rule, so whether an alarm goes off is
# unknown.
resource "aws_kms_key" "app" {
  description         = "Application key"
  enable_key_rotation = true
}

module "cis_alarms" {
  source  = "example-org/cis-alarms/aws"
  version = "~> 3.0"
}
