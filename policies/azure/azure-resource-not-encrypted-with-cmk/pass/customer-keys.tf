resource "azurerm_key_vault_key" "data" {
  name         = "data"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
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
}

resource "azurerm_storage_account_customer_managed_key" "data" {
  storage_account_id = azurerm_storage_account.data.id
  key_vault_id       = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  key_name           = azurerm_key_vault_key.data.name
}

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

# A Standard namespace cannot take a customer managed key: nothing to judge.
resource "azurerm_servicebus_namespace" "events" {
  name                = "example-sb"
  location            = "westeurope"
  resource_group_name = "rg"
  sku                 = "Standard"
}
