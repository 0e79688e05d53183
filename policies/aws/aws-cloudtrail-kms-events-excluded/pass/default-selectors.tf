resource "aws_cloudtrail" "management" {
  name                          = "management"
  s3_bucket_name                = "org-cloudtrail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
}
