resource "aws_kms_external_key" "primary" {
  description  = "Multi-Region primary key with imported material"
  multi_region = true
}

resource "aws_kms_replica_external_key" "replica" {
  description     = "Replica of the imported key"
  primary_key_arn = aws_kms_external_key.primary.arn
  valid_to        = "2027-06-30T00:00:00Z"
}
