targetScope = 'subscription'

metadata description = 'IHCE Llaves de acceso: static web, Function App (Flex Consumption), Table/Queue Storage, Key Vault, ACS Email, monitoring.'

// ---------- azd parameters ----------

@minLength(1)
@maxLength(64)
@description('azd environment name; it seeds every resource name (resourceToken).')
param environmentName string

@minLength(1)
@description('Region of every resource except the Static Web App (it must offer Flex Consumption).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Static Web Apps is offered in a few regions only; the API stays in `location` behind the linked backend.')
@allowed([
  'centralus'
  'eastus2'
  'westus2'
  'westeurope'
  'eastasia'
])
param staticWebAppLocation string = 'eastus2'

@description('Object id of whoever runs azd (AZURE_PRINCIPAL_ID). Gets the data roles listed in rbac.bicep when grantDeployerAccess is true.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Lets the deploying principal create the captcha key (postprovision hook) and import the REPS directory. Turn off once an operator group holds those roles.')
param grantDeployerAccess bool = true

@description('Where Communication Services keeps e-mail data at rest.')
param emailDataLocation string = 'United States'

@description('Sender once a custom domain of the ministry is verified and linked (README); empty: DoNotReply@ of the Azure-managed domain.')
param mailFromAddress string = ''

// ---------- application settings (none of them is a secret) ----------

@description('Pre-filled in the officer form: tenant, scope and endpoint of each IHCE environment.')
param preproductionTenantId string = ''
param preproductionScope string = ''
param preproductionEndpoint string = ''
param productionTenantId string = ''
param productionScope string = ''
param productionEndpoint string = ''

@description('How officials sign in (OFFICER_SIGN_IN): with Entra ID (`both`, `entra`) the officials\' app registration is declared in infra/app/officer-sign-in.bicep.')
@allowed([
  'both'
  'password'
  'entra'
])
param officerSignIn string = 'both'
@description('OFFICER_REQUIRE_MFA: an Entra sign-in must show a second factor in `amr` (the tenant\'s Conditional Access asks for it).')
param officerRequireMfa bool = true

@description('Extra recipients (comma-separated) of the new-request alert.')
param mspsAlertEmails string = ''

@description('Microsoft Graph generation of app registrations, per environment (see the README, Entra ID section).')
@allowed([
  'off'
  'managed-identity'
  'federated'
])
param preproductionGraphMode string = 'off'
@allowed([
  'off'
  'managed-identity'
  'federated'
])
param productionGraphMode string = 'off'
param preproductionGraphClientId string = ''
param productionGraphClientId string = ''
param preproductionApiAppId string = ''
param preproductionApiAppRoleId string = ''
param productionApiAppId string = ''
param productionApiAppRoleId string = ''
@minValue(0)
@maxValue(90)
param credentialGraceDays int = 7

@minValue(1)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@description('Zone-redundant by default (audit trail and key files); Standard_LRS where the region has no zones.')
@allowed([
  'Standard_ZRS'
  'Standard_LRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_ZRS'

// Seven years: beyond the five-year terms of disciplinary and fiscal-responsibility action in Colombia, with room
// for proceedings; the ministry's records retention table (TRD) and legal office set the final value. Unlocked,
// it can be changed; once locked (runbook) it can only be extended.
// https://learn.microsoft.com/azure/storage/blobs/immutable-time-based-retention-policy-overview
@description('Days each audit-worm blob can be neither changed nor deleted (time-based retention). 2555 = 7 years.')
@minValue(1)
@maxValue(146000)
param auditImmutabilityDays int = 2555
@description('Set to true after the audit-worm policy has been locked: a locked policy can only be extended, so the template stops re-declaring it.')
param auditImmutabilityLocked bool = false
@description('Days a deleted blob or container (exports, deployment package) can be recovered (soft delete).')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 30
@description('Days a nightly table export (and its earlier versions) is kept before the lifecycle rule deletes it.')
@minValue(1)
param tableExportRetentionDays int = 35

// ---------- names ----------

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, application: 'ihce-llaves-de-acceso' }
var functionAppName = 'func-ihce-${resourceToken}'
var deploymentContainerName = 'app-package'
// Every table and queue the app uses, declared so that a cold instance creates none (the app skips
// ensureCreated when IHCE_ENV=azure). Kept equal to tableNames/queueNames in src/platform/storage/storage.ts
// by tests/infra/storage-names.test.ts; the poison queue is the one the Functions runtime writes to.
var tableNames = [
  'accounts'
  'sessions'
  'audit'
  'providers'
  'delegates'
  'officers'
  'captchas'
  'outbox'
  'notificationlog'
  'secrets'
  'keyfiles'
  'pendingqueue'
  'idxnit'
  'idxnitext'
  'idxcode'
  'idxword'
  'idxname'
  'idxhead'
  'expiries'
  'reminders'
  'reminderlog'
  'retirements'
  'ratelimits'
  'reveals'
  'revealblocks'
  'ssobindings'
  'secondfactors'
  'auditpending'
]
var queueNames = [
  'notifications'
  'notifications-poison'
]
var auditContainerName = 'audit-worm'
var exportContainerName = 'table-exports'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

// One user-assigned identity for everything the Function App reaches: storage, Key Vault, ACS, App Insights.
module identity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-ihce-${resourceToken}'
    location: location
    tags: tags
  }
}

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.12.0' = {
  name: 'log-analytics'
  scope: rg
  params: {
    name: 'log-ihce-${resourceToken}'
    location: location
    tags: tags
    dataRetention: 30
    features: {
      disableLocalAuth: true
    }
  }
}

module appInsights 'br/public:avm/res/insights/component:0.6.0' = {
  name: 'app-insights'
  scope: rg
  params: {
    name: 'appi-ihce-${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    // Ingestion only with an Entra token (Monitoring Metrics Publisher), never with the instrumentation key.
    disableLocalAuth: true
  }
}

module storage 'br/public:avm/res/storage/storage-account:0.31.0' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stihce${resourceToken}'
    location: location
    tags: tags
    kind: 'StorageV2'
    skuName: storageSkuName
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    blobServices: {
      // Versions and soft delete keep an overwritten or deleted export recoverable for blobSoftDeleteDays.
      isVersioningEnabled: true
      deleteRetentionPolicyEnabled: true
      deleteRetentionPolicyDays: blobSoftDeleteDays
      containerDeleteRetentionPolicyEnabled: true
      containerDeleteRetentionPolicyDays: blobSoftDeleteDays
      containers: [
        {
          name: deploymentContainerName
        }
        {
          // Container-level time-based retention; protected append writes let the app add blocks to its
          // append blobs and nothing else (https://learn.microsoft.com/azure/storage/blobs/immutable-container-level-worm-policies).
          // Created Unlocked: locking is a separate, irreversible operator step (runbook).
          name: auditContainerName
          immutabilityPolicy: auditImmutabilityLocked
            ? null
            : {
                immutabilityPeriodSinceCreationInDays: auditImmutabilityDays
                allowProtectedAppendWrites: true
                allowProtectedAppendWritesAll: false
              }
        }
        {
          name: exportContainerName
        }
      ]
    }
    managementPolicyRules: [
      {
        enabled: true
        name: 'delete-old-table-exports'
        type: 'Lifecycle'
        definition: {
          actions: {
            baseBlob: {
              delete: {
                daysAfterModificationGreaterThan: tableExportRetentionDays
              }
            }
            version: {
              delete: {
                daysAfterCreationGreaterThan: tableExportRetentionDays
              }
            }
          }
          filters: {
            blobTypes: [
              'blockBlob'
            ]
            prefixMatch: [
              '${exportContainerName}/'
            ]
          }
        }
      }
    ]
    tableServices: {
      tables: [for tableName in tableNames: {
        name: tableName
      }]
    }
    queueServices: {
      queues: [for queueName in queueNames: {
        name: queueName
      }]
    }
  }
}

module keyVault 'br/public:avm/res/key-vault/vault:0.13.1' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: 'kv-ihce-${resourceToken}'
    location: location
    tags: tags
    sku: 'standard'
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    enableVaultForDeployment: false
    enableVaultForDiskEncryption: false
    enableVaultForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
  }
}

module email 'app/email.bicep' = {
  name: 'email'
  scope: rg
  params: {
    communicationServiceName: 'acs-ihce-${resourceToken}'
    emailServiceName: 'ecs-ihce-${resourceToken}'
    dataLocation: emailDataLocation
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: appInsights.outputs.name
    communicationServiceName: email.outputs.communicationServiceName
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: grantDeployerAccess ? principalId : ''
    deployerPrincipalType: principalType
  }
}

module web 'app/web.bicep' = {
  name: 'web'
  scope: rg
  params: {
    name: 'stapp-ihce-${resourceToken}'
    location: staticWebAppLocation
    tags: tags
  }
}

module plan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'plan'
  scope: rg
  params: {
    name: 'plan-ihce-${resourceToken}'
    location: location
    tags: tags
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    planId: plan.outputs.resourceId
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    maximumInstanceCount: functionMaximumInstanceCount
    appInsightsName: appInsights.outputs.name
    publicBaseUrl: 'https://${web.outputs.defaultHostname}'
    keyVaultName: keyVault.outputs.name
    keyVaultUri: keyVault.outputs.uri
    acsEndpoint: email.outputs.endpoint
    mailFrom: empty(mailFromAddress) ? email.outputs.senderAddress : mailFromAddress
    environmentSettings: {
      PREPRODUCTION_TENANT_ID: preproductionTenantId
      PREPRODUCTION_SCOPE: preproductionScope
      PREPRODUCTION_ENDPOINT: preproductionEndpoint
      PRODUCTION_TENANT_ID: productionTenantId
      PRODUCTION_SCOPE: productionScope
      PRODUCTION_ENDPOINT: productionEndpoint
      MSPS_ALERT_EMAILS: mspsAlertEmails
      PREPRODUCTION_GRAPH_MODE: preproductionGraphMode
      PRODUCTION_GRAPH_MODE: productionGraphMode
      PREPRODUCTION_GRAPH_CLIENT_ID: preproductionGraphClientId
      PRODUCTION_GRAPH_CLIENT_ID: productionGraphClientId
      PREPRODUCTION_API_APP_ID: preproductionApiAppId
      PREPRODUCTION_API_APP_ROLE_ID: preproductionApiAppRoleId
      PRODUCTION_API_APP_ID: productionApiAppId
      PRODUCTION_API_APP_ROLE_ID: productionApiAppRoleId
      CREDENTIAL_GRACE_DAYS: string(credentialGraceDays)
      OFFICER_SIGN_IN: officerSignIn
      OFFICER_REQUIRE_MFA: string(officerRequireMfa)
      ENTRA_SSO_TENANT_ID: officerSignIn != 'password' ? tenant().tenantId : ''
      ENTRA_SSO_CLIENT_ID: officerSignIn != 'password' ? officerSignInApp.outputs.clientId : ''
      ENTRA_SSO_CLIENT_AUTH: officerSignIn != 'password' ? 'federated' : ''
    }
  }
  // The Key Vault reference and the identity-based storage connections resolve only once the roles exist.
  dependsOn: [
    rbac
  ]
}

// Needs Application.ReadWrite.All (or ownership of the app) for whoever runs azd: see the README, «Desplegar en Azure».
module officerSignInApp 'app/officer-sign-in.bicep' = if (officerSignIn != 'password') {
  name: 'officer-sign-in'
  scope: rg
  params: {
    uniqueName: 'ihce-llaves-funcionarios-${resourceToken}'
    publicBaseUrl: 'https://${web.outputs.defaultHostname}'
    functionIdentityPrincipalId: identity.outputs.principalId
  }
}

module webBackend 'app/web-backend.bicep' = {
  name: 'web-backend'
  scope: rg
  params: {
    staticWebAppName: web.outputs.name
    functionAppId: api.outputs.id
    functionAppLocation: location
  }
}

// ---------- outputs: names and endpoints only (azd stores them in .azure/<env>/.env) ----------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_RESOURCE_ID string = api.outputs.id
output SERVICE_WEB_NAME string = web.outputs.name
output PUBLIC_BASE_URL string = 'https://${web.outputs.defaultHostname}'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output IHCE_STORAGE_TABLE_ENDPOINT string = 'https://${storage.outputs.name}.table.${environment().suffixes.storage}/'
output IHCE_STORAGE_QUEUE_ENDPOINT string = 'https://${storage.outputs.name}.queue.${environment().suffixes.storage}/'
output IHCE_STORAGE_BLOB_ENDPOINT string = 'https://${storage.outputs.name}.blob.${environment().suffixes.storage}/'
output ACS_ENDPOINT string = email.outputs.endpoint
output MAIL_FROM string = empty(mailFromAddress) ? email.outputs.senderAddress : mailFromAddress
output AZURE_FUNCTION_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output AZURE_FUNCTION_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output ENTRA_SSO_CLIENT_ID string = officerSignIn != 'password' ? officerSignInApp.outputs.clientId : ''
output ENTRA_SSO_OFFICER_ROLE_ID string = officerSignIn != 'password' ? officerSignInApp.outputs.officerRoleId : ''
