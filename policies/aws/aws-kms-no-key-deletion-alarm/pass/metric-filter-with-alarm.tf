resource "aws_kms_key" "data" {
  description         = "Data key"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_metric_filter" "kms" {
  name           = "kms-key-deletion"
  log_group_name = "cloudtrail"
  pattern        = "{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}"

  metric_transformation {
    name      = "KmsKeyDeletion"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "kms" {
  alarm_name          = "kms-key-deletion"
  metric_name         = "KmsKeyDeletion"
  namespace           = "CISBenchmark"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = ["arn:aws:sns:eu-west-1:111122223333:security"]
}
