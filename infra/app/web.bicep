// Static Web App (Standard: staticwebapp.config.json's forwardingGateway, which admits only our Front Door,
// needs it; https://learn.microsoft.com/azure/static-web-apps/front-door-manual). azd deploys dist/web to it.

param name string
param location string
param tags object = {}

resource staticWebApp 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    provider: 'Custom'
    allowConfigFileUpdates: true
    // No preview environments: every build that reaches Azure is the one azd deployed.
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = staticWebApp.name
output defaultHostname string = staticWebApp.properties.defaultHostname
