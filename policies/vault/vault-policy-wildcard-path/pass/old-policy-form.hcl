# The pre-capabilities form: `deny` grants nothing, `write` has no sudo.
path "*" {
  policy = "deny"
}

path "sys/*" {
  policy = "write"
}

path "secret/*"
{
  policy = "read"
}
