resource "aws_cloudtrail" "data_only" {
  name           = "s3-data-events"
  s3_bucket_name = "org-cloudtrail-logs"

  event_selector {
    read_write_type           = "All"
    include_management_events = false

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
