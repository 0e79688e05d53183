resource "azurerm_key_vault" "main" {
  name                          = "kv-payments-prod"
  location                      = "westeurope"
  resource_group_name           = "rg-payments-prod"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "premium"
  purge_protection_enabled      = true
  public_network_access_enabled = true

  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.10/32"]
  }
}
