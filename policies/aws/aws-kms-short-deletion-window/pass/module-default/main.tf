module "payments_key" {
  source = "./modules/kms"
  name   = "payments"
}
