variable "location" {
  type    = string
  default = "westeurope"
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "tenant_id" {
  description = "Entra ID tenant of the vault."
  type        = string
}

variable "resource_group_name" {
  type = string
}

variable "ingest_app_object_id" {
  description = "Object id of the legacy ingestion service principal."
  type        = string
}

variable "allowed_subnet_ids" {
  description = "Subnets with a Microsoft.KeyVault service endpoint."
  type        = list(string)
  default     = []
}

variable "office_egress_cidrs" {
  type    = list(string)
  default = ["203.0.113.0/28"]
}

variable "log_analytics_workspace_id" {
  description = "Central security workspace (owned by the SOC team)."
  type        = string
}
