resource "aws_kms_key" "data" {
  description         = "Data key"
  enable_key_rotation = true
}

# Counts DisableKey and ScheduleKeyDeletion, but nothing alarms on the metric.
resource "aws_cloudwatch_log_metric_filter" "kms" {
  name           = "kms-key-deletion"
  log_group_name = "cloudtrail"
  pattern        = "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }"

  metric_transformation {
    name      = "KmsKeyDeletion"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

# Catches only DisableKey.
resource "aws_cloudwatch_event_rule" "disable" {
  name = "kms-disable"
  event_pattern = jsonencode({
    source = ["aws.kms"]
    detail = { eventName = ["DisableKey"] }
  })
}
