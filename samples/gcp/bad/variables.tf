variable "project_id" {
  type = string
}

variable "region" {
  type    = string
  default = "us-central1"
}

variable "ci_service_account" {
  description = "Terraform/CI service account (also runs the backup jobs)."
  type        = string
}

variable "bigquery_service_agent" {
  type = string
}
