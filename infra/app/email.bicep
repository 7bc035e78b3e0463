// Azure Communication Services Email. The Azure-managed domain (DoNotReply@<guid>.azurecomm.net) is for trials
// only: its send limits are tiny and cannot be raised. `mailCustomDomain` adds the ministry's domain and outputs the
// DNS records that verify it; a domain can be linked (and so used) only once verified, hence the second step
// `mailCustomDomainVerified` (https://learn.microsoft.com/azure/communication-services/quickstarts/email/connect-email-communication-resource).
// https://learn.microsoft.com/azure/communication-services/quickstarts/email/add-custom-verified-domains

param communicationServiceName string
param emailServiceName string
param dataLocation string
param tags object = {}

@description('The ministry\'s mail domain (e.g. notificaciones.minsalud.gov.co); empty: the Azure-managed domain (trials only).')
param mailCustomDomain string = ''
@description('True once the DNS records of mailCustomDomain are published and Azure shows it verified: links it and sends from it.')
param mailCustomDomainVerified bool = false

var hasCustomDomain = !empty(mailCustomDomain)
var sendsFromCustomDomain = hasCustomDomain && mailCustomDomainVerified

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

resource customDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = if (hasCustomDomain) {
  parent: emailService
  name: mailCustomDomain
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'CustomerManaged'
    userEngagementTracking: 'Disabled'
  }
}

// A custom domain gets no sender username by itself (the managed domain ships DoNotReply).
resource customSender 'Microsoft.Communication/emailServices/domains/senderUsernames@2023-04-01' = if (hasCustomDomain) {
  parent: customDomain
  name: 'donotreply'
  properties: {
    username: 'DoNotReply'
    displayName: 'IHCE Llaves de acceso – MSPS'
  }
}

// The managed domain stays linked until the custom one is verified (linking an unverified domain fails).
resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      sendsFromCustomDomain ? customDomain.id : managedDomain.id
    ]
  }
}

output communicationServiceName string = communicationService.name
output endpoint string = 'https://${communicationService.properties.hostName}'
output senderAddress string = sendsFromCustomDomain
  ? 'DoNotReply@${mailCustomDomain}'
  : 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
// Public DNS records (Domain TXT, SPF, DKIM, DKIM2, DMARC: type, name, value, ttl each) the ministry publishes.
output mailDomainDnsRecords object = hasCustomDomain ? customDomain.properties.verificationRecords : {}
