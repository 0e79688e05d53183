variable "account_id" {
  description = "AWS account that owns the keys (checked against the provider credentials)."
  type        = string
}

variable "region" {
  description = "Primary region for the payments stack."
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment environment (dev, staging, prod)."
  type        = string
}

variable "key_admin_role_name" {
  description = "IAM role that administers the keys (break-glass, MFA required)."
  type        = string
  default     = "kms-key-admins"
}

variable "app_role_name" {
  description = "IAM role assumed by the payments service tasks."
  type        = string
  default     = "payments-api-task"
}

variable "key_deletion_window_days" {
  description = "Waiting period before a scheduled key deletion completes."
  type        = number
  default     = 30
}

variable "key_rotation_period_days" {
  description = "Automatic rotation period for symmetric keys."
  type        = number
  default     = 180
}

variable "rotation_lambda_arn" {
  description = "ARN of the Secrets Manager rotation function for the database secret."
  type        = string
}
