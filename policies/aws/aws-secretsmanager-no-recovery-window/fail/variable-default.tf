variable "recovery_window" {
  description = "0 forces deletion without recovery"
  type        = number
  default     = 0
}

resource "aws_secretsmanager_secret" "db" {
  name                    = "prod/db/password"
  recovery_window_in_days = var.recovery_window
}
