# Production values for the payments KMS stack. Account ids are AWS documentation examples.
account_id               = "111122223333"
region                   = "eu-west-1"
environment              = "prod"
key_deletion_window_days = 30
key_rotation_period_days = 180
rotation_lambda_arn      = "arn:aws:lambda:eu-west-1:111122223333:function:secrets-rotation-postgres"
