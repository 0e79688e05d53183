resource "aws_cloudtrail" "management" {
  name           = "management"
  s3_bucket_name = "org-cloudtrail-logs"

  advanced_event_selector {
    name = "Management events without KMS"

    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }

    field_selector {
      field      = "eventSource"
      not_equals = ["kms.amazonaws.com"]
    }
  }
}
