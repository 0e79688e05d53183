# HCL1: a block's `{` may sit on the next line.
path "secret/data/app/*"
{
  capabilities = ["read", "list"]
}

// Manage auth methods
path "sys/auth/*"
{
  capabilities = ["create", "update", "delete", "sudo"]
}

/* everything */
path "*"
{
  capabilities = ["read"]
}
