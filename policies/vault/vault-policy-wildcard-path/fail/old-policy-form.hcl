# The pre-capabilities form: `sudo` is create, read, update, delete, list and sudo;
# `write` is create, read, update, delete and list.
path "sys/*" {
  policy = "sudo"
}

path "*" {
  policy = "write"
}

path "auth/*" {
  capabilities = ["read"]
  policy       = "sudo"
}
