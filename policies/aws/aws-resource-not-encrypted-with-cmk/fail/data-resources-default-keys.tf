# No key: the service's default (an AWS owned or AWS managed key).
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

# An AWS managed key is not the customer's.
resource "aws_cloudwatch_log_group" "app" {
  name       = "/app"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:alias/aws/logs"
}

resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = "alias/aws/sns"
}

variable "volume_key" {
  type    = string
  default = null
}

# Written, but null by default: the provider's default applies.
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = var.volume_key
}

# Each extra EBS volume is judged on its own.
resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  root_block_device {
    encrypted  = true
    kms_key_id = aws_kms_key.data.arn
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = true
  }
}

resource "aws_kms_key" "data" {
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
