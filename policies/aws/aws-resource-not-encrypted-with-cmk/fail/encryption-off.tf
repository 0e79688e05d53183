# Encryption switched off next to a null key: reported at the switch.
resource "aws_dynamodb_table" "sessions" {
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled     = false
    kms_key_arn = null
  }
}

# `storage_encrypted` defaults to false: the message says so.
resource "aws_db_instance" "plain" {
  identifier     = "plain"
  engine         = "postgres"
  instance_class = "db.t3.micro"
}
