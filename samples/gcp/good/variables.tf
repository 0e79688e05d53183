variable "project_id" {
  type = string
}

variable "region" {
  type    = string
  default = "europe-west1"
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "kms_admin_group" {
  description = "Group allowed to administer (but not use) the keys."
  type        = string
}

variable "app_service_account" {
  description = "Runtime service account of the orders service."
  type        = string
}

variable "signer_service_account" {
  description = "Service account of the release pipeline that signs artifacts."
  type        = string
}
