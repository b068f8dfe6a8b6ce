resource "azurerm_network_security_group" "web" {
  name                = "web-nsg"
  location            = "northeurope"
  resource_group_name = "rg-web"
  security_rule {
    name                       = "rdp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3389"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}

resource "azurerm_storage_container" "public" {
  name                  = "public"
  storage_account_name  = "acmestorage"
  container_access_type = "container"
}

resource "azurerm_postgresql_firewall_rule" "any" {
  name                = "any"
  resource_group_name = "rg-db"
  server_name         = "acme-pg"
  start_ip_address    = "0.0.0.0"
  end_ip_address      = "255.255.255.255"
}
