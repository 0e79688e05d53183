storage "raft"
{
  path = "/opt/vault/data"
}

seal "awskms"
{
  kms_key_id = "alias/vault-unseal"
}

# HCL1: an object assigned to the block name.
listener = {
  tcp = {
    address     = "0.0.0.0:8200",
    tls_disable = "1"
  }
}
