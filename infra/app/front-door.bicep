// Azure Front Door (Standard/Premium): the only public door of the site and of /api. This module holds the profile,
// its endpoint, the optional custom domain, the WAF policy and its association, and the profile's logs. Origins and
// routes live in front-door-routes.bicep, deployed after the Function App: the app needs this profile's id
// (FRONT_DOOR_ID, access restriction) and public host (PUBLIC_BASE_URL), the routes need the app's host name.
// Splitting the profile from its routes breaks that cycle without guessing the app's host name.

param profileName string
param endpointName string
@description('WAF policy name: letters and digits only.')
param wafPolicyName string
param tags object = {}

@allowed([
  'Standard_AzureFrontDoor'
  'Premium_AzureFrontDoor'
])
param sku string = 'Standard_AzureFrontDoor'

@description('The ministry\'s host name for the site (e.g. llaves.minsalud.gov.co); empty: only the *.azurefd.net endpoint.')
param customDomain string = ''

@description('Requests per minute one client address may send to /api/* before the WAF blocks it.')
@minValue(10)
param apiRequestsPerMinute int = 300

@description('Log Analytics workspace of the deployment (access, health probe and WAF logs).')
param workspaceId string

var hasCustomDomain = !empty(customDomain)
var isPremium = sku == 'Premium_AzureFrontDoor'

resource profile 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    originResponseTimeoutSeconds: 60
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-02-01' = {
  parent: profile
  name: endpointName
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

// Managed certificate: Front Door issues and renews it once the _dnsauth TXT record proves the domain
// (https://learn.microsoft.com/azure/frontdoor/standard-premium/how-to-add-custom-domain).
resource domain 'Microsoft.Cdn/profiles/customDomains@2024-02-01' = if (hasCustomDomain) {
  parent: profile
  name: replace(customDomain, '.', '-')
  properties: {
    hostName: customDomain
    tlsSettings: {
      certificateType: 'ManagedCertificate'
      minimumTlsVersion: 'TLS12'
    }
  }
}

// Per-address flood control at the edge; the app keeps its per-account limits. Grouped by the TCP peer
// (SocketAddr), which a client cannot forge, unlike X-Forwarded-For (RemoteAddr).
// https://learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-rate-limit
var apiRateLimitRule = {
  name: 'ApiPerClientAddress'
  enabledState: 'Enabled'
  priority: 100
  ruleType: 'RateLimitRule'
  rateLimitDurationInMinutes: 1
  rateLimitThreshold: apiRequestsPerMinute
  groupBy: [
    {
      variableName: 'SocketAddr'
    }
  ]
  matchConditions: [
    {
      matchVariable: 'RequestUri'
      operator: 'Contains'
      matchValue: [
        '/api/'
      ]
      transforms: [
        'Lowercase'
      ]
    }
  ]
  action: 'Block'
}

// Managed rule sets exist on Premium only. Default Rule Set 2.1 scores anomalies and needs the Block action;
// passwords and client secrets are free text a person types, so their JSON fields are left out of inspection.
// https://learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-drs
var secretJsonFields = [
  'password'
  'clientSecret'
  'subscriptionKey'
]
var premiumRuleSets = [
  {
    ruleSetType: 'Microsoft_DefaultRuleSet'
    ruleSetVersion: '2.1'
    ruleSetAction: 'Block'
    exclusions: [
      for field in secretJsonFields: {
        matchVariable: 'RequestBodyJsonArgNames'
        selectorMatchOperator: 'Equals'
        selector: field
      }
    ]
  }
  {
    ruleSetType: 'Microsoft_BotManagerRuleSet'
    ruleSetVersion: '1.1'
  }
]

resource wafPolicy 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2024-02-01' = {
  name: wafPolicyName
  location: 'global'
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    policySettings: {
      enabledState: 'Enabled'
      mode: 'Prevention'
      requestBodyCheck: 'Enabled'
    }
    customRules: {
      rules: [
        apiRateLimitRule
      ]
    }
    managedRules: {
      managedRuleSets: isPremium ? premiumRuleSets : []
    }
  }
}

var endpointDomain = [
  {
    id: endpoint.id
  }
]
var customDomains = hasCustomDomain
  ? [
      {
        id: domain.id
      }
    ]
  : []

resource securityPolicy 'Microsoft.Cdn/profiles/securityPolicies@2024-02-01' = {
  parent: profile
  name: 'waf'
  properties: {
    parameters: {
      type: 'WebApplicationFirewall'
      wafPolicy: {
        id: wafPolicy.id
      }
      associations: [
        {
          domains: concat(endpointDomain, customDomains)
          patternsToMatch: [
            '/*'
          ]
        }
      ]
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'front-door-to-log-analytics'
  scope: profile
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'FrontDoorAccessLog'
        enabled: true
      }
      {
        category: 'FrontDoorHealthProbeLog'
        enabled: true
      }
      {
        category: 'FrontDoorWebApplicationFirewallLog'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output profileName string = profile.name
output endpointName string = endpoint.name
// The GUID Front Door writes into X-Azure-FDID on every request to an origin.
output frontDoorId string = profile.properties.frontDoorId
output endpointHostName string = endpoint.properties.hostName
output publicHost string = hasCustomDomain ? customDomain : endpoint.properties.hostName
output customDomainId string = hasCustomDomain ? domain.id : ''
// Not a secret: the value of the public TXT record _dnsauth.<customDomain> that proves the domain.
output customDomainValidationTxt string = hasCustomDomain ? domain.properties.validationProperties.validationToken : ''
