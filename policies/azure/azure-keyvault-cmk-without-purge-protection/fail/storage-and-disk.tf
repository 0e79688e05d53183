# Purge protection defaults to off.
resource "azurerm_key_vault" "main" {
  name                       = "example-kv"
  location                   = "westeurope"
  resource_group_name        = "rg"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  soft_delete_retention_days = 90
}

resource "azurerm_key_vault_key" "data" {
  name         = "data"
  key_vault_id = azurerm_key_vault.main.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_storage_account" "data" {
  name                     = "examplestoragedata"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  customer_managed_key {
    key_vault_key_id          = azurerm_key_vault_key.data.id
    user_assigned_identity_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id"
  }
}

# Through a disk encryption set to the same key.
resource "azurerm_disk_encryption_set" "main" {
  name                = "des"
  resource_group_name = "rg"
  location            = "westeurope"
  key_vault_key_id    = azurerm_key_vault_key.data.id
}

resource "azurerm_managed_disk" "data" {
  name                   = "data"
  location               = "westeurope"
  resource_group_name    = "rg"
  storage_account_type   = "Premium_LRS"
  create_option          = "Empty"
  disk_size_gb           = 128
  disk_encryption_set_id = azurerm_disk_encryption_set.main.id
}
