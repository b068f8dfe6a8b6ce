provider "azurerm" {
  features {}
  client_id       = "00000000-0000-0000-0000-000000000000"
  client_secret   = "Q~8Xa.k2Lm_9Pw4Rt6Yv0Bn3Cd5Fg7Hj"
  tenant_id       = "11111111-1111-1111-1111-111111111111"
  subscription_id = "22222222-2222-2222-2222-222222222222"
}

resource "google_compute_firewall" "all" {
  name          = "allow-all"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "all"
  }
}
