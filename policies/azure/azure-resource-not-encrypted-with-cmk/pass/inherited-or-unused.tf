# A confidential VM names its disk encryption set with `secure_vm_disk_encryption_set_id`.
resource "azurerm_linux_virtual_machine" "cvm" {
  name                  = "cvm1"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_DC2as_v5"
  admin_username        = "azureuser"
  network_interface_ids = ["/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic1"]
  vtpm_enabled          = true
  secure_boot_enabled   = true

  os_disk {
    caching                          = "ReadWrite"
    storage_account_type             = "Premium_LRS"
    security_encryption_type         = "DiskWithVMGuestState"
    secure_vm_disk_encryption_set_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des1"
  }
}

# An image captured from a VM cannot take an `os_disk` block.
resource "azurerm_image" "from_vm" {
  name                      = "img1"
  location                  = "westeurope"
  resource_group_name       = "rg"
  source_virtual_machine_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1"
}

# A database without a key of its own uses its server's TDE protector: the server is judged.
resource "azurerm_mssql_server" "main" {
  name                = "sql1"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_transparent_data_encryption" "main" {
  server_id        = azurerm_mssql_server.main.id
  key_vault_key_id = "https://kv1.vault.azure.net/keys/tde/0123456789abcdef0123456789abcdef"
}

resource "azurerm_mssql_database" "app" {
  name      = "app"
  server_id = azurerm_mssql_server.main.id
}
