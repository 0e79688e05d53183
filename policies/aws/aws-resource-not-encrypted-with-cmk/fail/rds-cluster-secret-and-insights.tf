# The cluster's storage has a customer managed key, but the master password secret RDS
# manages and the Performance Insights data use AWS managed keys.
resource "aws_rds_cluster" "orders" {
  cluster_identifier           = "orders"
  engine                       = "aurora-postgresql"
  storage_encrypted            = true
  kms_key_id                   = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  manage_master_user_password  = true
  master_username              = "app"
  performance_insights_enabled = true
}
