// Every role assignment of the deployment, in one place, each on the one resource it is about (blob roles on
// single containers live in rbac-blob.bicep, called from here).
// The Function App's identity gets data-plane roles only; nobody gets Owner, Contributor or User Access Administrator.
// tests/infra checks this file: each assignment's role id, scope and principal against the intended list.

param storageAccountName string
param keyVaultName string
param appInsightsName string
param communicationServiceName string

@description('Principal (object) id of the Function App\'s user-assigned identity.')
param appPrincipalId string

@description('Object id of the principal running azd; empty to grant it nothing.')
param deployerPrincipalId string = ''
param deployerPrincipalType string = 'User'

// Built-in role definition ids (the same in every tenant).
var roles = {
  // Functions host triggers (queue) and the app's queues and tables; no blob role is account-wide.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Telemetry to Application Insights with local authentication disabled.
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// Role names are unique per tenant (Microsoft.Authorization/roleDefinitions: "RoleDefinitionWithSameNameExists"):
// two subscriptions of the ministry with the same azd environment name must not collide, so every custom role
// name carries the subscription id. The definition's own name, guid(resourceGroup().id, ...), already includes it.
var roleNameSuffix = '${resourceGroup().name}, ${subscription().subscriptionId}'

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' existing = {
  name: communicationServiceName
}

// Sending e-mail with an Entra token: Microsoft documents exactly these three actions for a least-privilege
// custom role. The built-in alternative, "Communication and Email Service Owner", also lists and regenerates
// the access keys.
resource acsEmailSenderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'ihce-acs-email-sender')
  properties: {
    roleName: 'IHCE ACS Email Sender (${roleNameSuffix})'
    description: 'Send e-mail through Azure Communication Services. Nothing else.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: [
          'Microsoft.Communication/CommunicationServices/Read'
          'Microsoft.Communication/CommunicationServices/Write'
          'Microsoft.Communication/EmailServices/write'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
  }
}

// The app writes a new ClientSecret version (setSecret), reads it back (getSecret), disables the previous one
// (updateSecretProperties: update) and the platform resolves the captcha key reference (getSecret). The built-in
// "Key Vault Secrets Officer" (secrets/*) would also delete, back up, restore and purge.
// Data actions: https://learn.microsoft.com/azure/role-based-access-control/permissions/security#microsoftkeyvault
resource appSecretsRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'ihce-app-secrets')
  properties: {
    roleName: 'IHCE App Secrets (${roleNameSuffix})'
    description: 'Get, set and update secrets and read their metadata. No delete, backup, restore, recover or purge.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.KeyVault/vaults/secrets/getSecret/action'
          'Microsoft.KeyVault/vaults/secrets/setSecret/action'
          'Microsoft.KeyVault/vaults/secrets/update/action'
          'Microsoft.KeyVault/vaults/secrets/readMetadata/action'
        ]
        notDataActions: []
      }
    ]
  }
}

// The postprovision hook's one-shot: it writes the captcha HMAC key only when the Function App reports the
// reference as SecretNotFound, so it needs to set and nothing else (it never reads a secret value).
resource captchaWriterRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'ihce-captcha-writer')
  properties: {
    roleName: 'IHCE Secret Writer (${roleNameSuffix})'
    description: 'Set a secret. Cannot read, list, delete or purge any.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.KeyVault/vaults/secrets/setSecret/action'
        ]
        notDataActions: []
      }
    ]
  }
}

// ---------- Function App identity ----------

resource appQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, appPrincipalId, roles.storageQueueDataContributor)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, appPrincipalId, roles.storageTableDataContributor)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, appPrincipalId, appSecretsRole.id)
  scope: keyVault
  properties: {
    roleDefinitionId: appSecretsRole.id
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appEmailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communicationService.id, appPrincipalId, acsEmailSenderRole.id)
  scope: communicationService
  properties: {
    roleDefinitionId: acsEmailSenderRole.id
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// ---------- deploying principal (optional) ----------

// Only with grantDeployerAccess (off by default). Without it the postprovision hook grants itself this same
// role on the vault for the one write and deletes the assignment at once (scripts/azure/postprovision.ts).
resource deployerSecretWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(keyVault.id, deployerPrincipalId, captchaWriterRole.id)
  scope: keyVault
  properties: {
    roleDefinitionId: captchaWriterRole.id
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

// `npm run directory:import` against the cloud account: it writes the directory tables and, like the app at
// start-up, makes sure the tables and queues exist.
resource deployerTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(storageAccount.id, deployerPrincipalId, roles.storageTableDataContributor)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

resource deployerQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(storageAccount.id, deployerPrincipalId, roles.storageQueueDataContributor)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

// ---------- blob: one container at a time ----------

module blob 'rbac-blob.bicep' = {
  name: 'rbac-blob'
  params: {
    storageAccountName: storageAccountName
    appPrincipalId: appPrincipalId
    roleNameSuffix: roleNameSuffix
  }
}

output captchaWriterRoleId string = captchaWriterRole.id
