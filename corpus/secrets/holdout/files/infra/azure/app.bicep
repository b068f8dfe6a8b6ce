resource app 'Microsoft.Web/sites@2022-03-01' = {
  properties: {
    siteConfig: {
      appSettings: [
        { name: 'DB_PASSWORD', value: '@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/db-password/)' }
        { name: 'STORAGE', value: 'DefaultEndpointsProtocol=https;AccountName=acmeprod0750;AccountKey=0l0b47hunvcrtP3T3bgKU+IiCXHr/vBLir3y2HHe0V/oIeRFKnJ83FbRwuTAH/+UasniuG66l1wGqPDRdoajoA==;EndpointSuffix=core.windows.net' }
      ]
    }
  }
}
