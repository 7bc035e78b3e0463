import { blobContainerType, type InfraPolicy } from '../support/bicep-checks';

/** Built-in role definition ids: the same in every Azure tenant. */
export const builtInRoles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  roleBasedAccessControlAdministrator: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  communicationAndEmailServiceOwner: '09976791-48a7-449e-bb21-39d1a415f350',
} as const;

/** The deployment as intended: who gets which role on what, and nothing else. */
export const infraPolicy: InfraPolicy = {
  roles: {
    'Microsoft.Storage/storageAccounts': {
      // Queue triggers and the app's tables and queues; no blob role on the whole account.
      appPrincipalId: [builtInRoles.storageQueueDataContributor, builtInRoles.storageTableDataContributor],
      deployerPrincipalId: [builtInRoles.storageTableDataContributor, builtInRoles.storageQueueDataContributor],
    },
    // Functions host (leases, keys), Flex Consumption package, nightly export: one container each.
    [`${blobContainerType}:azure-webjobs-hosts`]: { appPrincipalId: [builtInRoles.storageBlobDataContributor] },
    [`${blobContainerType}:azure-webjobs-secrets`]: { appPrincipalId: [builtInRoles.storageBlobDataContributor] },
    [`${blobContainerType}:app-package`]: { appPrincipalId: [builtInRoles.storageBlobDataContributor] },
    [`${blobContainerType}:table-exports`]: { appPrincipalId: [builtInRoles.storageBlobDataContributor] },
    [`${blobContainerType}:directory-uploads`]: { appPrincipalId: [builtInRoles.storageBlobDataContributor] },
    [`${blobContainerType}:audit-worm`]: { appPrincipalId: ['custom:auditAppenderRole'] },
    'Microsoft.KeyVault/vaults': {
      appPrincipalId: ['custom:appSecretsRole'],
      deployerPrincipalId: ['custom:captchaWriterRole'],
    },
    'Microsoft.Insights/components': {
      appPrincipalId: [builtInRoles.monitoringMetricsPublisher],
    },
    'Microsoft.Communication/communicationServices': {
      appPrincipalId: ['custom:acsEmailSenderRole'],
    },
  },
  customRoleActions: {
    acsEmailSenderRole: [
      'Microsoft.Communication/CommunicationServices/Read',
      'Microsoft.Communication/CommunicationServices/Write',
      'Microsoft.Communication/EmailServices/write',
    ],
    appSecretsRole: [],
    captchaWriterRole: [],
    auditAppenderRole: [],
  },
  customRoleDataActions: {
    // What src/adapters/secrets/key-vault-secret-store.ts calls (setSecret, getSecret, updateSecretProperties)
    // plus metadata reads; no delete, backup, restore, recover or purge.
    appSecretsRole: [
      'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      'Microsoft.KeyVault/vaults/secrets/setSecret/action',
      'Microsoft.KeyVault/vaults/secrets/update/action',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    ],
    // The postprovision hook's one write of the captcha key.
    captchaWriterRole: ['Microsoft.KeyVault/vaults/secrets/setSecret/action'],
    auditAppenderRole: [
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
    ],
  },
  requiredAppSettings: {
    IHCE_ENV: 'azure',
    AzureWebJobsStorage__credential: 'managedidentity',
    AzureWebJobsStorage__clientId: true,
    AzureWebJobsStorage__blobServiceUri: true,
    AzureWebJobsStorage__queueServiceUri: true,
    AzureWebJobsStorage__tableServiceUri: true,
    IHCE_STORAGE__credential: 'managedidentity',
    IHCE_STORAGE__clientId: true,
    IHCE_STORAGE__tableServiceUri: true,
    IHCE_STORAGE__queueServiceUri: true,
    IHCE_STORAGE__blobServiceUri: true,
    PUBLIC_BASE_URL: true,
    // The app trusts Front Door's client address only with this profile's X-Azure-FDID.
    FRONT_DOOR_ID: true,
    MAIL_TRANSPORT: 'acs',
    ACS_ENDPOINT: true,
    MAIL_FROM: true,
    SECRET_STORE: 'keyvault',
    KEY_VAULT_URL: true,
    CAPTCHA_HMAC_KEY: true,
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: true,
    // Stack traces name src/*.ts (the package carries main.js.map).
    languageWorkers__node__arguments: '--enable-source-maps',
  },
  forbiddenRoleIds: [
    builtInRoles.owner,
    builtInRoles.contributor,
    builtInRoles.userAccessAdministrator,
    builtInRoles.roleBasedAccessControlAdministrator,
    builtInRoles.communicationAndEmailServiceOwner,
  ],
};
