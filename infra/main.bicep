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

@description('Static Web Apps is offered in a few regions only; the API stays in `location`; Front Door is global.')
@allowed([
  'centralus'
  'eastus2'
  'westus2'
  'westeurope'
  'eastasia'
])
param staticWebAppLocation string = 'eastus2'

@description('Object id of whoever runs azd (AZURE_PRINCIPAL_ID). Gets the data roles listed in rbac.bicep only when grantDeployerAccess is true.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

// Off by default: the postprovision hook creates the captcha key with a temporary set-only grant it removes
// itself. Turning this off later does not remove assignments an earlier deployment made (ARM incremental mode
// never deletes): scripts/azure/revoke-deployer-access.sh does.
@description('Gives the deploying principal table and queue data roles (directory import from a workstation) and set-only on the vault. Off by default.')
param grantDeployerAccess bool = false

@description('Where Communication Services keeps e-mail data at rest.')
param emailDataLocation string = 'United States'

@description('Sender override; empty: DoNotReply@ the verified mailCustomDomain, else of the Azure-managed domain.')
param mailFromAddress string = ''

@description('The ministry\'s mail domain; empty: the Azure-managed domain (5 mails a minute, trials only).')
param mailCustomDomain string = ''
@description('Set to true once mailCustomDomain\'s DNS records verify in Azure: links it and sends from it.')
param mailCustomDomainVerified bool = false

// ---------- front door ----------

@description('Host name of the site in the ministry\'s DNS (CNAME to the Front Door endpoint); empty: the *.azurefd.net host.')
param customDomain string = ''

@description('Premium adds the WAF\'s managed rule sets (Default Rule Set 2.1, Bot Manager 1.1).')
@allowed([
  'Standard_AzureFrontDoor'
  'Premium_AzureFrontDoor'
])
param frontDoorSku string = 'Standard_AzureFrontDoor'

@description('WAF rate limit: requests per minute one client address may send to /api/* (hospitals share addresses: keep it generous).')
@minValue(10)
@maxValue(100000)
param wafApiRequestsPerMinute int = 300

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
@description('How officials hear of new key requests (OFFICER_ALERT_MODE): each = one e-mail per request; digest = one summary at the hours of officerAlertDigestHours (Bogotá), none when there were no requests.')
@allowed([
  'each'
  'digest'
])
param officerAlertMode string = 'each'
@description('Hours of the day in Bogotá (0-23, comma-separated) at which OFFICER_ALERT_MODE=digest sends its summary (OFFICER_ALERT_DIGEST_HOURS).')
param officerAlertDigestHours string = '8,13'

@description('MSPS_SECURITY_EMAILS: the ministry\'s security mailbox (comma-separated), told when an official\'s secret reveals are blocked. Empty: MSPS_ALERT_EMAILS, or else every active official (src/credentials/security-alert.ts).')
param securityEmails string = ''

@description('OFFICER_REVEALS_PER_HOUR: ClientSecret reveals one official may make in a rolling hour (src/config.ts: 1 to 1000).')
@minValue(1)
@maxValue(1000)
param officerRevealsPerHour int = 10

@description('OFFICER_REVEAL_BURST_PROVIDERS: revealing secrets of more providers than this in an hour blocks the official (src/config.ts: 1 to 1000).')
@minValue(1)
@maxValue(1000)
param officerRevealBurstProviders int = 5

@description('DIRECTORY_ADMINS: usernames (comma-separated) of the officials who may load the delegates and officials files from the web; empty: nobody, only npm run directory:import (src/config/directory.ts).')
param directoryAdmins string = ''

@description('Operators\' mailboxes (comma-separated, MSPS_OPS_EMAILS): the action group of every alert rule in infra/app/monitoring.bicep.')
param opsEmails string = ''

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
@description('Pre-production keys issued automatically by the queue worker when pre-production generates in Entra ID (PREPRODUCTION_AUTO_ISSUE). Production has no such setting: an official always assigns it.')
@allowed([
  'on'
  'off'
])
param preproductionAutoIssue string = 'on'
param preproductionGraphClientId string = ''
param productionGraphClientId string = ''
param preproductionApiAppId string = ''
param preproductionApiAppRoleId string = ''
param productionApiAppId string = ''
param productionApiAppRoleId string = ''
@minValue(0)
@maxValue(90)
param credentialGraceDays int = 7
// «Certificado en lugar de secreto»: certificate (only certificates), secret (only ClientSecret) or either.
@allowed([
  'certificate'
  'secret'
  'either'
])
param preproductionCredentialType string = 'either'
@allowed([
  'certificate'
  'secret'
  'either'
])
param productionCredentialType string = 'either'

// «Probar llaves» / «Verificar llaves», correo y acceso: los mismos límites que valida src/config (la app no
// arranca con un valor fuera de ellos; aquí el despliegue lo rechaza antes).
@description('KEY_CHECKS_PER_HOUR: pruebas de llaves («Probar llaves» del delegado y «Verificar llaves» del funcionario) que un prestador puede hacer en una hora (src/config/environments.ts: 1 a 1000).')
@minValue(1)
@maxValue(1000)
param keyChecksPerHour int = 10
@description('PREPRODUCTION_TOKEN_URL: punto de emisión de tokens (token endpoint) de Preproducción con el que se prueban las llaves; {tenant} se reemplaza por el tenant de las llaves. Solo https.')
@minLength(9)
param preproductionTokenUrl string = 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token'
@description('PRODUCTION_TOKEN_URL: punto de emisión de tokens (token endpoint) de Producción; {tenant} se reemplaza por el tenant de las llaves. Solo https.')
@minLength(9)
param productionTokenUrl string = 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token'
@description('MAIL_THROTTLE_MAX_HOURS: horas que un aviso espera y se reintenta mientras el servicio de correo pide esperar (429); más viejo, va a notifications-poison y salta la alerta (src/config/mail.ts: 1 a 720).')
@minValue(1)
@maxValue(720)
param mailThrottleMaxHours int = 168
@description('CAPTCHA_MAX_NUMBER: el mayor número del captcha de prueba de trabajo (proof of work); más alto, más trabajo para el navegador y para un robot (src/config/index.ts: 1000 a 10000000).')
@minValue(1000)
@maxValue(10000000)
param captchaMaxNumber int = 100000
@description('PASSWORD_HASH_COST: N de scrypt, potencia de 2 (16384 = 16 MiB por cálculo). Las contraseñas guardadas con otro valor se recalculan en el siguiente ingreso.')
@allowed([
  1024
  2048
  4096
  8192
  16384
  32768
  65536
  131072
  262144
  524288
  1048576
])
param passwordHashCost int = 16384

// ---------- la entidad y su mesa de ayuda (pie de página GOV.CO, «Ayuda» y correos; src/config/site-identity.ts) ----------

@description('SITE_ENTITY_NAME: nombre de la entidad que presta el servicio.')
@minLength(3)
param siteEntityName string = 'Ministerio de Salud y Protección Social'
@description('SITE_ENTITY_ADDRESS: dirección física de la entidad.')
@minLength(3)
param siteEntityAddress string = 'Carrera 13 No. 32-76, Bogotá D.C., código postal 110311'
@description('SUPPORT_EMAIL: correo de la mesa de ayuda.')
@minLength(3)
param supportEmail string = 'atencionalciudadano@minsalud.gov.co'
@description('SUPPORT_PHONE: teléfono de la mesa de ayuda.')
@minLength(7)
param supportPhone string = '(+57) 601 330 5000'
@description('SUPPORT_TOLL_FREE: línea gratuita nacional de la mesa de ayuda.')
@minLength(7)
param supportTollFree string = '01 8000 960020'
@description('SUPPORT_HOURS: horario de atención de la mesa de ayuda.')
@minLength(3)
param supportHours string = 'lunes a viernes de 8:00 a. m. a 4:00 p. m. (hora de Colombia)'
@description('SITE_PRIVACY_URL: política de privacidad y tratamiento de datos personales (https).')
@minLength(9)
param sitePrivacyUrl string = 'https://www.minsalud.gov.co/'
@description('SITE_TERMS_URL: términos y condiciones de uso (https).')
@minLength(9)
param siteTermsUrl string = 'https://www.minsalud.gov.co/'
@description('SITE_ACCESSIBILITY_URL: declaración de accesibilidad (https).')
@minLength(9)
param siteAccessibilityUrl string = 'https://www.minsalud.gov.co/'

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

@description('Days a directory file uploaded from the web is kept (the imported directory lives in the tables).')
@minValue(1)
param directoryUploadRetentionDays int = 7

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
  'radicados'
  'dashboardstats'
  'certificates'
  'idxperson'
  'dirimports'
  'keyverifications'
  'officerdigests'
]
var queueNames = [
  'notifications'
  'notifications-poison'
  'dirimports'
  'dirimports-poison'
]
var auditContainerName = 'audit-worm'
var exportContainerName = 'table-exports'
// Directory files uploaded by officials from the web («Directorio»): kept until the background import has read them.
var uploadContainerName = 'directory-uploads'

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
        // The Functions host's own containers (leases, timers, keys) are declared so that its identity needs a
        // role on each container only (infra/app/rbac-blob.bicep), never the right to create containers.
        {
          name: 'azure-webjobs-hosts'
        }
        {
          name: 'azure-webjobs-secrets'
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
        {
          name: uploadContainerName
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
      {
        // An upload previewed and never applied, or applied long ago: the directory itself is in the tables.
        enabled: true
        name: 'delete-old-directory-uploads'
        type: 'Lifecycle'
        definition: {
          actions: {
            baseBlob: {
              delete: {
                daysAfterModificationGreaterThan: directoryUploadRetentionDays
              }
            }
            version: {
              delete: {
                daysAfterCreationGreaterThan: directoryUploadRetentionDays
              }
            }
          }
          filters: {
            blobTypes: [
              'blockBlob'
            ]
            prefixMatch: [
              '${uploadContainerName}/'
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
    mailCustomDomain: mailCustomDomain
    mailCustomDomainVerified: mailCustomDomainVerified
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

// The profile, endpoint, custom domain and WAF come first: the Function App needs the profile's id (its access
// restriction and FRONT_DOOR_ID) and the public host (PUBLIC_BASE_URL). The routes come after the app, whose
// host name they need (frontDoorRoutes below). No cycle, and no guessed host name.
module frontDoor 'app/front-door.bicep' = {
  name: 'front-door'
  scope: rg
  params: {
    profileName: 'afd-ihce-${resourceToken}'
    endpointName: 'ihce-${resourceToken}'
    wafPolicyName: 'wafihce${resourceToken}'
    tags: tags
    sku: frontDoorSku
    customDomain: customDomain
    apiRequestsPerMinute: wafApiRequestsPerMinute
    workspaceId: logAnalytics.outputs.resourceId
  }
}

// Every link the app writes, its Origin check and the Entra redirect follow this one value.
var publicBaseUrl = 'https://${frontDoor.outputs.publicHost}'

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
    publicBaseUrl: publicBaseUrl
    frontDoorId: frontDoor.outputs.frontDoorId
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
      OFFICER_ALERT_MODE: officerAlertMode
      OFFICER_ALERT_DIGEST_HOURS: officerAlertDigestHours
      MSPS_SECURITY_EMAILS: securityEmails
      OFFICER_REVEALS_PER_HOUR: string(officerRevealsPerHour)
      OFFICER_REVEAL_BURST_PROVIDERS: string(officerRevealBurstProviders)
      DIRECTORY_ADMINS: directoryAdmins
      PREPRODUCTION_GRAPH_MODE: preproductionGraphMode
      PRODUCTION_GRAPH_MODE: productionGraphMode
      PREPRODUCTION_AUTO_ISSUE: preproductionAutoIssue
      PREPRODUCTION_GRAPH_CLIENT_ID: preproductionGraphClientId
      PRODUCTION_GRAPH_CLIENT_ID: productionGraphClientId
      PREPRODUCTION_API_APP_ID: preproductionApiAppId
      PREPRODUCTION_API_APP_ROLE_ID: preproductionApiAppRoleId
      PRODUCTION_API_APP_ID: productionApiAppId
      PRODUCTION_API_APP_ROLE_ID: productionApiAppRoleId
      CREDENTIAL_GRACE_DAYS: string(credentialGraceDays)
      PREPRODUCTION_CREDENTIAL_TYPE: preproductionCredentialType
      PRODUCTION_CREDENTIAL_TYPE: productionCredentialType
      OFFICER_SIGN_IN: officerSignIn
      OFFICER_REQUIRE_MFA: string(officerRequireMfa)
      ENTRA_SSO_TENANT_ID: officerSignIn != 'password' ? tenant().tenantId : ''
      ENTRA_SSO_CLIENT_ID: officerSignIn != 'password' ? officerSignInApp.outputs.clientId : ''
      ENTRA_SSO_CLIENT_AUTH: officerSignIn != 'password' ? 'federated' : ''
      KEY_CHECKS_PER_HOUR: string(keyChecksPerHour)
      PREPRODUCTION_TOKEN_URL: preproductionTokenUrl
      PRODUCTION_TOKEN_URL: productionTokenUrl
      MAIL_THROTTLE_MAX_HOURS: string(mailThrottleMaxHours)
      CAPTCHA_MAX_NUMBER: string(captchaMaxNumber)
      PASSWORD_HASH_COST: string(passwordHashCost)
      SITE_ENTITY_NAME: siteEntityName
      SITE_ENTITY_ADDRESS: siteEntityAddress
      SUPPORT_EMAIL: supportEmail
      SUPPORT_PHONE: supportPhone
      SUPPORT_TOLL_FREE: supportTollFree
      SUPPORT_HOURS: supportHours
      SITE_PRIVACY_URL: sitePrivacyUrl
      SITE_TERMS_URL: siteTermsUrl
      SITE_ACCESSIBILITY_URL: siteAccessibilityUrl
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
    publicBaseUrl: publicBaseUrl
    functionIdentityPrincipalId: identity.outputs.principalId
  }
}

module frontDoorRoutes 'app/front-door-routes.bicep' = {
  name: 'front-door-routes'
  scope: rg
  params: {
    profileName: frontDoor.outputs.profileName
    endpointName: frontDoor.outputs.endpointName
    customDomainId: frontDoor.outputs.customDomainId
    apiHostName: api.outputs.defaultHostname
    webHostName: web.outputs.defaultHostname
  }
}

// Alert rules on the workspace and the action group that mails the operators (infra/app/monitoring.bicep).
module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    actionGroupName: 'ag-ihce-${resourceToken}'
    opsEmails: opsEmails
    workspaceId: logAnalytics.outputs.resourceId
  }
}

module diagnostics 'app/diagnostics.bicep' = {
  name: 'diagnostics'
  scope: rg
  params: {
    workspaceId: logAnalytics.outputs.resourceId
    keyVaultName: keyVault.outputs.name
    storageAccountName: storage.outputs.name
    functionAppName: api.outputs.name
  }
}

// ---------- outputs: names and endpoints only (azd stores them in .azure/<env>/.env) ----------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_RESOURCE_ID string = api.outputs.id
output SERVICE_WEB_NAME string = web.outputs.name
output PUBLIC_BASE_URL string = publicBaseUrl
// Read by the web service's predeploy hook (staticwebapp.config.json forwardingGateway) and the runbook.
output FRONT_DOOR_ID string = frontDoor.outputs.frontDoorId
output FRONT_DOOR_ENDPOINT string = frontDoor.outputs.endpointHostName
output CUSTOM_DOMAIN string = customDomain
// Public DNS values for the runbook (not secrets): TXT _dnsauth.<customDomain>, and the mail domain's records.
output CUSTOM_DOMAIN_VALIDATION_TXT string = frontDoor.outputs.customDomainValidationTxt
output MAIL_DOMAIN_DNS_RECORDS object = email.outputs.mailDomainDnsRecords
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
// For the postprovision hook's one-shot grant: the vault's id and the set-only role (ids, not secrets).
output AZURE_KEY_VAULT_RESOURCE_ID string = keyVault.outputs.resourceId
output IHCE_VAULT_WRITER_ROLE_ID string = rbac.outputs.captchaWriterRoleId
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
