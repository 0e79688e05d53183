variable "account_id" {
  description = "Account that owns the analytics keys."
  type        = string
}

variable "partner_account_id" {
  description = "Reporting partner that reads the nightly exports."
  type        = string
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "environment" {
  type    = string
  default = "dev"
}

# Kept short so that `terraform destroy` in the sandbox frees key names quickly.
variable "key_deletion_window" {
  type    = number
  default = 7
}

variable "enable_key_rotation" {
  type    = bool
  default = false
}

variable "rotation_lambda_arn" {
  type = string
}
