resource "aws_kms_replica_external_key" "replica" {
  description                        = "Replica of an imported key"
  primary_key_arn                    = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"
  bypass_policy_lockout_safety_check = true
}
