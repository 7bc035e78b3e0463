// Function App on Flex Consumption (Node 22) running dist/api-package (one esbuild bundle, no node_modules).
// Every connection is identity-based through the one user-assigned identity; no setting holds a secret.

param name string
param location string
param tags object = {}
param planId string
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param maximumInstanceCount int = 40
param instanceMemoryMB int = 2048
param appInsightsName string
@description('https:// plus the custom domain when set, else the Front Door endpoint host: links in e-mails, the Origin check, the sign-in redirect.')
param publicBaseUrl string
@description('The Front Door profile\'s id (X-Azure-FDID): the only caller the app accepts.')
param frontDoorId string
param keyVaultName string
param keyVaultUri string
param acsEndpoint string
param mailFrom string

@description('Per-environment settings of the app (tenant, scope, endpoint, Graph). Empty values are left out: the app treats a missing setting as "not configured".')
param environmentSettings object = {}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

var blobEndpoint = storageAccount.properties.primaryEndpoints.blob
var queueEndpoint = storageAccount.properties.primaryEndpoints.queue
var tableEndpoint = storageAccount.properties.primaryEndpoints.table

// The Functions host's own storage (AzureWebJobsStorage) and the app's (IHCE_STORAGE, also the queue trigger's
// `connection`): service URIs plus the identity, never an account key.
var runtimeSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  // Not a secret: with local auth disabled, ingestion also needs the identity's Entra token.
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // Node flags for the language worker (functions-reference-node, "languageWorkers__node__arguments"; not among the
  // Flex Consumption deprecations of functions-app-settings): stack traces name src/*.ts through main.js.map.
  languageWorkers__node__arguments: '--enable-source-maps'
}

var appSettings = {
  IHCE_ENV: 'azure'
  PUBLIC_BASE_URL: publicBaseUrl
  // The app trusts X-Azure-ClientIP only next to this X-Azure-FDID (src/http/request.ts).
  FRONT_DOOR_ID: frontDoorId
  IHCE_STORAGE__tableServiceUri: tableEndpoint
  IHCE_STORAGE__queueServiceUri: queueEndpoint
  // The app's own containers: audit-worm (append only) and table-exports (nightly export).
  IHCE_STORAGE__blobServiceUri: blobEndpoint
  IHCE_STORAGE__credential: 'managedidentity'
  // The app uses this client id for every Azure credential it builds: storage, Key Vault, ACS.
  IHCE_STORAGE__clientId: identityClientId
  MAIL_TRANSPORT: 'acs'
  ACS_ENDPOINT: acsEndpoint
  MAIL_FROM: mailFrom
  SECRET_STORE: 'keyvault'
  KEY_VAULT_URL: keyVaultUri
  // Resolved by the platform with keyVaultReferenceIdentity; the value is created by the postprovision hook.
  CAPTCHA_HMAC_KEY: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=captcha-hmac-key)'
}

var configuredEnvironmentSettings = toObject(
  filter(items(environmentSettings), setting => !empty(setting.value)),
  setting => setting.key,
  setting => setting.value
)

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Only our Front Door profile reaches the app: its backend service tag plus its X-Azure-FDID; the
      // *.azurewebsites.net host answers 403 to everyone else.
      // https://learn.microsoft.com/azure/app-service/app-service-ip-restrictions#restrict-access-to-a-specific-azure-front-door-instance
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: [
        {
          name: 'front-door-only'
          description: 'Azure Front Door of this deployment'
          action: 'Allow'
          priority: 100
          tag: 'ServiceTag'
          ipAddress: 'AzureFrontDoor.Backend'
          headers: {
            'x-azure-fdid': [
              frontDoorId
            ]
          }
        }
      ]
      // azd deploys a Flex Consumption app through the scm site's /api/publish (OneDeploy), which then writes
      // the package to the deployment container; the scm site must stay reachable from the operator's machine.
      // It accepts Entra tokens only (basic publishing credentials are off below).
      scmIpSecurityRestrictionsUseMain: false
      scmIpSecurityRestrictionsDefaultAction: 'Allow'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

resource functionAppSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(runtimeSettings, appSettings, configuredEnvironmentSettings)
}

// azd deploys with an Entra token; nothing needs the basic-auth publishing credentials.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output id string = functionApp.id
output defaultHostname string = functionApp.properties.defaultHostName
