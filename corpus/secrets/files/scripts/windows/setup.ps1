$password = ConvertTo-SecureString "Ember%lantern250" -AsPlainText -Force
$password = Read-Host -AsSecureString "Password"
$env:ARTIFACTORY_TOKEN = "iRTuhyk8ig2RuhR1zbxZKZTGmJFAT43QRYJ06E2mGWgROnncqObRgJUnZaKKvOdL"
$token = $env:ARTIFACTORY_TOKEN
