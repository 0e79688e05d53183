variable "recovery_window" {
  type    = number
  default = 30
}

resource "aws_secretsmanager_secret" "api" {
  name                    = "dev/partner/api-token"
  recovery_window_in_days = var.recovery_window
}
