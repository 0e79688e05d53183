variable "excluded_sources" {
  type = list(string)
}

resource "aws_cloudtrail" "management" {
  name           = "management"
  s3_bucket_name = "org-cloudtrail-logs"

  # Data events only in the first selector; the second logs all management events.
  event_selector {
    include_management_events = false
    data_resource {
      type   = "AWS::Lambda::Function"
      values = ["arn:aws:lambda"]
    }
  }

  event_selector {
    include_management_events        = true
    exclude_management_event_sources = ["rdsdata.amazonaws.com"]
  }
}

resource "aws_cloudtrail" "unknown_exclusions" {
  name           = "unknown"
  s3_bucket_name = "org-cloudtrail-logs"

  # Known only at apply: may not exclude KMS.
  event_selector {
    include_management_events        = true
    exclude_management_event_sources = var.excluded_sources
  }
}
