// Azure Communication Services Email with an Azure-managed domain (DoNotReply@<guid>.azurecomm.net).
// A custom domain of the ministry replaces it after DNS verification (README, "Desplegar en Azure").

param communicationServiceName string
param emailServiceName string
param dataLocation string
param tags object = {}

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    // No tracking pixels or rewritten links in messages about access keys.
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      managedDomain.id
    ]
  }
}

output communicationServiceName string = communicationService.name
output endpoint string = 'https://${communicationService.properties.hostName}'
// The Azure-managed domain ships the DoNotReply sender username.
output senderAddress string = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
