// Origins and routes of the Front Door profile (front-door.bicep): /api/* to the Function App, everything else to
// the Static Web App. Deployed after the Function App, whose host name it needs.

param profileName string
param endpointName string
@description('Resource id of the profile\'s custom domain; empty: the routes serve the *.azurefd.net endpoint only.')
param customDomainId string = ''
@description('Default host name of the Function App (*.azurewebsites.net), closed to everyone but this profile.')
param apiHostName string
@description('Default host name of the Static Web App (*.azurestaticapps.net).')
param webHostName string

resource profile 'Microsoft.Cdn/profiles@2024-02-01' existing = {
  name: profileName
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-02-01' existing = {
  parent: profile
  name: endpointName
}

var routeDomains = empty(customDomainId)
  ? []
  : [
      {
        id: customDomainId
      }
    ]

// One origin per group: Front Door recommends no health probes then (they would only add load)
// https://learn.microsoft.com/azure/frontdoor/health-probe-best-practices
resource apiOrigins 'Microsoft.Cdn/profiles/originGroups@2024-02-01' = {
  parent: profile
  name: 'api'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    sessionAffinityState: 'Disabled'
  }
}

// The origin host header stays the app's own host (App Service routes by it); the app never builds a URL from
// the Host header: links, redirects and the Origin check use PUBLIC_BASE_URL.
resource apiOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = {
  parent: apiOrigins
  name: 'function-app'
  properties: {
    hostName: apiHostName
    originHostHeader: apiHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

resource webOrigins 'Microsoft.Cdn/profiles/originGroups@2024-02-01' = {
  parent: profile
  name: 'web'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    sessionAffinityState: 'Disabled'
  }
}

resource webOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = {
  parent: webOrigins
  name: 'static-web-app'
  properties: {
    hostName: webHostName
    originHostHeader: webHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

// HTTPS only, forwarded over HTTPS, never cached (no cacheConfiguration): every answer is per session.
// A plain-HTTP /api request matches the site route below, which redirects it to HTTPS first.
resource apiRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-02-01' = {
  parent: endpoint
  name: 'api'
  properties: {
    originGroup: {
      id: apiOrigins.id
    }
    customDomains: routeDomains
    patternsToMatch: [
      '/api/*'
    ]
    supportedProtocols: [
      'Https'
    ]
    forwardingProtocol: 'HttpsOnly'
    httpsRedirect: 'Disabled'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
  }
  dependsOn: [
    apiOrigin
  ]
}

// The static site may be cached: staticwebapp.config.json marks /assets/* immutable and index.html no-cache.
resource webRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-02-01' = {
  parent: endpoint
  name: 'web'
  properties: {
    originGroup: {
      id: webOrigins.id
    }
    customDomains: routeDomains
    patternsToMatch: [
      '/*'
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    forwardingProtocol: 'HttpsOnly'
    httpsRedirect: 'Enabled'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
    cacheConfiguration: {
      queryStringCachingBehavior: 'UseQueryString'
      compressionSettings: {
        isCompressionEnabled: true
        contentTypesToCompress: [
          'text/html'
          'text/css'
          'application/javascript'
          'text/javascript'
          'application/json'
          'image/svg+xml'
        ]
      }
    }
  }
  dependsOn: [
    webOrigin
    // Two routes of one endpoint are not created in parallel.
    apiRoute
  ]
}

output apiRouteName string = apiRoute.name
output webRouteName string = webRoute.name
