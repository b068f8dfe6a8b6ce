resource "google_compute_firewall" "allow_ssh" {
  name    = "allow-ssh"
  network = "default"
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["0.0.0.0/0"]
}

resource "google_storage_bucket_iam_binding" "public" {
  bucket  = google_storage_bucket.site.name
  role    = "roles/storage.objectViewer"
  members = ["allUsers"]
}

resource "google_project_iam_binding" "editors" {
  project = "acme-prod"
  role    = "roles/editor"
  members = ["serviceAccount:ci@acme-prod.iam.gserviceaccount.com"]
}
