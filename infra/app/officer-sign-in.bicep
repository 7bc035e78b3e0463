// «Ingresar con cuenta institucional (Microsoft Entra ID)»: the officials' app registration in the ministry's
// tenant, declared with the Microsoft Graph Bicep extension (GA, v1.0 types). Redeploying converges on the
// same app: `uniqueName` is its client-provided key. The deploying principal needs Application.ReadWrite.All
// (or to own the app); the ministry then assigns the role to officials (README, «Registro de aplicación de los funcionarios»).
extension 'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:1.0.0'

@description('Client-provided key of the app registration (unique in the tenant).')
param uniqueName string
param displayName string = 'IHCE Llaves de acceso – funcionarios MSPS'
@description('PUBLIC_BASE_URL of the application; the redirect URI is derived from it, as the API derives it.')
param publicBaseUrl string
@description('Principal (object) id of the Function App\'s user-assigned managed identity: the app\'s only credential.')
param functionIdentityPrincipalId string

// Stable across deployments: an app role's id must never change once officials are assigned to it.
var officerRoleId = guid(uniqueName, 'IHCE.Funcionario')
var graphAppId = '00000003-0000-0000-c000-000000000000'

resource officerApp 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: uniqueName
  displayName: displayName
  signInAudience: 'AzureADMyOrg'
  web: {
    redirectUris: [
      '${publicBaseUrl}/api/sso/entra/callback'
    ]
    implicitGrantSettings: {
      enableAccessTokenIssuance: false
      enableIdTokenIssuance: false
    }
  }
  appRoles: [
    {
      id: officerRoleId
      value: 'IHCE.Funcionario'
      displayName: 'Funcionario MSPS (IHCE Llaves de acceso)'
      description: 'Funcionario del Ministerio que asigna y consulta las llaves de acceso de los prestadores.'
      allowedMemberTypes: [
        'User'
      ]
      isEnabled: true
    }
  ]
  // The sign-in matches the directory by e-mail (else UPN) and decides on the second factor by `amr`.
  optionalClaims: {
    idToken: [
      {
        name: 'email'
        essential: false
      }
      {
        name: 'upn'
        essential: false
      }
    ]
  }
  requiredResourceAccess: [
    {
      resourceAppId: graphAppId
      resourceAccess: [
        // openid, profile, email (delegated)
        {
          id: '37f7f235-527c-4136-accd-4a02d197296e'
          type: 'Scope'
        }
        {
          id: '14dad69e-099b-42c9-810b-d002981feec1'
          type: 'Scope'
        }
        {
          id: '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0'
          type: 'Scope'
        }
      ]
    }
  ]

  // No client secret anywhere: the Function App's managed identity token is the client assertion.
  resource functionIdentity 'federatedIdentityCredentials@v1.0' = {
    name: '${uniqueName}/function-identity'
    description: 'Identidad administrada de la Function App de IHCE Llaves de acceso'
    issuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
    subject: functionIdentityPrincipalId
    audiences: [
      'api://AzureADTokenExchange'
    ]
  }
}

// Only users (or groups) the ministry assigned to the role may sign in at all.
resource officerSp 'Microsoft.Graph/servicePrincipals@v1.0' = {
  appId: officerApp.appId
  appRoleAssignmentRequired: true
}

output clientId string = officerApp.appId
output tenantId string = tenant().tenantId
output officerRoleId string = officerRoleId
output servicePrincipalId string = officerSp.id
