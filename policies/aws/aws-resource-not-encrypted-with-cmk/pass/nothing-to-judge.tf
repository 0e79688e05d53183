# A String parameter is not encrypted at all: its key attribute means nothing.
resource "aws_ssm_parameter" "region" {
  name  = "/app/region"
  type  = "String"
  value = "eu-west-1"
}

# Without environment variables a function's key encrypts nothing.
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "worker.zip"
}

# An Aurora instance uses its cluster's key.
resource "aws_db_instance" "reader" {
  identifier         = "reader"
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
  cluster_identifier = "orders"
}

variable "key_arn" {
  type = string
}

# Known only at apply: never judged.
resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = var.key_arn
}
