account_id          = "111122223333"
partner_account_id  = "444455556666"
environment         = "prod"
key_deletion_window = 7
enable_key_rotation = false
rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate-redshift-admin"
