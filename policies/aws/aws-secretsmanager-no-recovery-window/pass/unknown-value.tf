variable "recovery_window" {
  description = "No default: the value is unknown here"
  type        = number
}

resource "aws_secretsmanager_secret" "db" {
  name                    = "prod/db/password"
  recovery_window_in_days = var.recovery_window
}
