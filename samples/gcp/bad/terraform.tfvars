project_id             = "example-data-staging"
ci_service_account     = "terraform-ci@example-data-staging.iam.gserviceaccount.com"
bigquery_service_agent = "bq-123456789012@bigquery-encryption.iam.gserviceaccount.com"
