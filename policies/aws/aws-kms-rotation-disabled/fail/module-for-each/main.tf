locals {
  regions = {
    eu = true
    us = false
  }
}

module "regional_key" {
  source   = "./modules/key"
  for_each = local.regions
  rotate   = each.value
}
