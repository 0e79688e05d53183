# The template splices a whole JSON value (`"Service": ${services}`), so its text is not
# JSON until rendered: the finding still points at the statement's principal.
resource "aws_kms_key" "events" {
  description         = "Events key"
  enable_key_rotation = true
  policy = templatefile("${path.module}/key-policy.json.tpl", {
    account  = "111122223333"
    services = jsonencode(["events.amazonaws.com"])
  })
}
