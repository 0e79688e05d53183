# Azure's API through Terraform: judged like a template's resource.
resource "azapi_resource" "storage" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "examplestoragedata"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_LRS" }
    properties = {
      minimumTlsVersion = "TLS1_2"
    }
  }
}
