// Links the Function App as the Static Web App's backend: /api/* is served on the site's own origin, so the
// session cookie is first-party (SameSite=Strict) and the browser needs no CORS.

param staticWebAppName string
param functionAppId string
param functionAppLocation string

resource staticWebApp 'Microsoft.Web/staticSites@2024-04-01' existing = {
  name: staticWebAppName
}

resource linkedBackend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: staticWebApp
  name: 'api'
  properties: {
    backendResourceId: functionAppId
    region: functionAppLocation
  }
}
