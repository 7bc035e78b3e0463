// Blob roles of the Function App's identity, each on one container: no blob role is account-wide, so the app
// cannot read or delete a blob the host or another feature keeps elsewhere in the account.
// Host containers: https://learn.microsoft.com/azure/azure-functions/storage-considerations
// Identity-based host storage: https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity
// The containers are declared in main.bicep (storage module), so nobody needs the right to create one.

param storageAccountName string

@description('Principal (object) id of the Function App\'s user-assigned identity.')
param appPrincipalId string

@description('Makes custom role names unique in the tenant (resource group and subscription id).')
param roleNameSuffix string

var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: storageAccount
  name: 'default'
}

resource hostsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: 'azure-webjobs-hosts'
}

resource secretsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: 'azure-webjobs-secrets'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: 'app-package'
}

resource exportsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: 'table-exports'
}

resource uploadsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: 'directory-uploads'
}

resource auditContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: 'audit-worm'
}

// Append-only writer for the audit container: create a blob, append blocks, read back. No delete, no
// overwrite of tags or tiers. Data actions: https://learn.microsoft.com/azure/role-based-access-control/permissions/storage
resource auditAppenderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'ihce-audit-appender')
  properties: {
    roleName: 'IHCE Audit Appender (${roleNameSuffix})'
    description: 'Create, append to and read blobs. No delete.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'
        ]
        notDataActions: []
      }
    ]
  }
}

// Host: singleton and timer leases, host id lock.
resource appHostsBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostsContainer.id, appPrincipalId, roles.storageBlobDataContributor)
  scope: hostsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Host: function keys (AzureWebJobsSecretStorageType defaults to blob).
resource appSecretsBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(secretsContainer.id, appPrincipalId, roles.storageBlobDataContributor)
  scope: secretsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Flex Consumption deployment: the platform writes the zip azd sends and the instances read it.
resource appPackageBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(packageContainer.id, appPrincipalId, roles.storageBlobDataContributor)
  scope: packageContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Nightly table export (versioning and soft delete on the account keep what it overwrites).
resource appExportsBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(exportsContainer.id, appPrincipalId, roles.storageBlobDataContributor)
  scope: exportsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Directory files uploaded by officials: written on upload, read by the background import, deleted after it.
resource appUploadsBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(uploadsContainer.id, appPrincipalId, roles.storageBlobDataContributor)
  scope: uploadsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Audit trail: create and append, never delete (the WORM policy also forbids it).
resource appAuditBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(auditContainer.id, appPrincipalId, auditAppenderRole.id)
  scope: auditContainer
  properties: {
    roleDefinitionId: auditAppenderRole.id
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}
