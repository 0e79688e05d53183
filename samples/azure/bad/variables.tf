variable "location" {
  type    = string
  default = "northeurope"
}

variable "environment" {
  type    = string
  default = "shared"
}

variable "tenant_id" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "devops_object_id" {
  description = "Object id of the DevOps pipeline service principal."
  type        = string
}

variable "soft_delete_days" {
  description = "Short retention so deleted vault names can be reused quickly."
  type        = number
  default     = 7
}

variable "log_analytics_workspace_id" {
  type = string
}
