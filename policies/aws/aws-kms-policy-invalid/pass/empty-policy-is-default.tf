# The AWS provider treats `policy = ""` as unset: the default key policy applies.
variable "policy" {
  type    = string
  default = ""
}

resource "aws_kms_key" "literal_empty" {
  description         = "Key whose policy is the empty string"
  enable_key_rotation = true
  policy              = ""
}

resource "aws_kms_key" "variable_empty" {
  description         = "Key whose policy variable defaults to the empty string"
  enable_key_rotation = true
  policy              = var.policy
}

resource "aws_kms_replica_key" "replica" {
  description     = "Replica with the default key policy"
  primary_key_arn = aws_kms_key.literal_empty.arn
  policy          = ""
}
