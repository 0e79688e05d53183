# The module's default is safe; this caller shortens the window.
module "payments_key" {
  source                  = "./modules/kms"
  name                    = "payments"
  deletion_window_in_days = 7
}

# Not fetched: only local modules are read.
module "audit_key" {
  source                  = "terraform-aws-modules/kms/aws"
  version                 = "3.1.0"
  deletion_window_in_days = 7
}
