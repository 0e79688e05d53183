resource "aws_kms_key" "shards" {
  count                   = 2
  description             = "shard ${count.index}"
  deletion_window_in_days = 7
  enable_key_rotation     = true
}
