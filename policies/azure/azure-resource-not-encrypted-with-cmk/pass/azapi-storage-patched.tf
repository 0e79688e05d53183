resource "azapi_resource" "storage" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "examplestoragedata"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  body = {
    kind       = "StorageV2"
    sku        = { name = "Standard_LRS" }
    properties = { minimumTlsVersion = "TLS1_2" }
  }
}

# The customer managed key is set by a patch of the account (as Azure Verified Modules do).
resource "azapi_update_resource" "storage_cmk" {
  type        = "Microsoft.Storage/storageAccounts@2023-05-01"
  resource_id = azapi_resource.storage.id

  body = {
    properties = {
      encryption = {
        keySource = "Microsoft.Keyvault"
        keyvaultproperties = {
          keyname     = "data"
          keyvaulturi = "https://kv1.vault.azure.net/"
        }
      }
    }
  }
}
