# `rotation_rules` with only a rotation window (`duration`) and neither
# `automatically_after_days` nor `schedule_expression`: nothing schedules a rotation.
resource "aws_secretsmanager_secret" "db" {
  name       = "db"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
  rotation_rules {
    duration = "2h"
  }
}
