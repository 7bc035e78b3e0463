// Alerts of the operation: one action group (the operators' mailboxes) and log alert rules on the Log Analytics
// workspace. Application Insights is workspace-based, so its telemetry is queried there as AppTraces, AppRequests
// and AppDependencies (https://learn.microsoft.com/azure/azure-monitor/app/convert-classic-resource#workspace-based-resource-changes);
// Key Vault's AuditEvent and Front Door's WAF log land in AzureDiagnostics (supported-logs/microsoft-keyvault-vaults-logs,
// supported-logs/microsoft-cdn-profiles-logs). The app writes a fixed marker (IHCE-…) at Warning/Error for what only it
// can see; each rule below looks for one marker or one platform table.
// No platform metric fits these signals (per-queue depth, per-rule WAF blocks from logs, KV failures without 401
// challenges), so every rule is a scheduled query rule.

param location string
param tags object = {}
param actionGroupName string
@description('Operators\' mailboxes, comma-separated (MSPS_OPS_EMAILS). Empty: the rules fire in the portal only.')
param opsEmails string = ''
@description('Log Analytics workspace of Application Insights and of the diagnostic settings (diagnostics.bicep).')
param workspaceId string
@description('WAF blocks of one rule within 5 minutes that count as blocking in bulk.')
param wafBlockThreshold int = 100

var opsEmailList = filter(map(split(opsEmails, ','), email => trim(email)), email => !empty(email))

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    // At most 12 characters; shown in SMS and e-mail subjects.
    groupShortName: 'IHCE-Alertas'
    enabled: true
    emailReceivers: [for (email, i) in opsEmailList: {
      name: 'operador-${i + 1}'
      emailAddress: email
      useCommonAlertSchema: true
    }]
  }
}

// severity: 0 critical, 1 error, 2 warning (https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-overview).
var logAlerts = [
  {
    name: 'ihce-cola-envenenada'
    displayName: 'IHCE: mensajes en una cola envenenada'
    description: 'Hay mensajes en una cola -poison: agotaron los reintentos. Los de notifications-poison nadie los procesará: revíselos y reenvíelos con npm run queue:replay. Los de dirimports-poison ya cerraron su importación del directorio como fallida y avisaron al funcionario: revise la causa en los registros (no se reenvían).'
    severity: 1
    windowSize: 'PT10M'
    threshold: 0
    query: 'AppTraces | where Message contains "IHCE-COLA-ENVENENADA"'
  }
  {
    name: 'ihce-cola-atrasada'
    displayName: 'IHCE: notificaciones atrasadas más de 15 minutos'
    description: 'El mensaje más antiguo de la cola notifications lleva más de 15 minutos: el envío de correos está detenido o limitado (ACS, dominio de correo).'
    severity: 2
    windowSize: 'PT10M'
    threshold: 0
    query: 'AppTraces | where Message contains "IHCE-COLA-ATRASADA"'
  }
  {
    name: 'ihce-errores-5xx'
    displayName: 'IHCE: más del 5 % de respuestas 5xx'
    description: 'Más del 5 % de las solicitudes HTTP de la Function App respondieron 5xx en 5 minutos (con al menos 20 solicitudes). Revise las excepciones en Application Insights.'
    severity: 1
    windowSize: 'PT5M'
    threshold: 0
    query: 'AppRequests | extend code = toint(ResultCode) | where code >= 100 | summarize total = count(), fallidas = countif(code >= 500) | where total >= 20 and fallidas * 100.0 / total > 5'
  }
  {
    name: 'ihce-keyvault-fallo'
    displayName: 'IHCE: llamadas fallidas a Key Vault'
    description: 'Key Vault rechazó o no respondió llamadas de la aplicación (sin contar el 401 del primer intercambio ni el 404). Revise el rol de la identidad y la disponibilidad del almacén.'
    severity: 1
    windowSize: 'PT5M'
    threshold: 0
    // 401 is the SDK's unauthenticated first request (the challenge), answered on every new client.
    query: 'union isfuzzy=true (AzureDiagnostics | where ResourceProvider == "MICROSOFT.KEYVAULT" and Category == "AuditEvent" | where httpStatusCode_d >= 400 and httpStatusCode_d != 401 and httpStatusCode_d != 404), (AppTraces | where Message contains "IHCE-KEYVAULT-FALLO")'
  }
  {
    name: 'ihce-graph-fallo'
    displayName: 'IHCE: llamadas fallidas a Microsoft Graph'
    description: 'Microsoft Graph rechazó o no respondió la generación de credenciales en Entra ID. Revise el consentimiento de permisos y el estado de Graph.'
    severity: 2
    windowSize: 'PT5M'
    threshold: 0
    query: 'union isfuzzy=true (AppTraces | where Message contains "IHCE-GRAPH-FALLO"), (AppDependencies | where Target has "graph.microsoft.com" and Success == false and ResultCode != "404")'
  }
  {
    name: 'ihce-referencia-kv-sin-resolver'
    displayName: 'IHCE: referencia a Key Vault sin resolver'
    description: 'Un ajuste de la Function App conserva el texto @Microsoft.KeyVault(...): la aplicación no arranca. Revise que el secreto exista y que la identidad tenga su rol en Key Vault.'
    severity: 0
    windowSize: 'PT5M'
    threshold: 0
    query: 'AppTraces | where Message contains "IHCE-REFERENCIA-KV-SIN-RESOLVER"'
  }
  {
    name: 'ihce-waf-bloqueo-masivo'
    displayName: 'IHCE: una regla del WAF bloquea en masa'
    description: 'Una regla del WAF de Front Door bloqueó más de ${wafBlockThreshold} solicitudes en 5 minutos: un ataque o un falso positivo que deja fuera a los prestadores.'
    severity: 2
    windowSize: 'PT5M'
    threshold: 0
    // https://learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-monitor (Standard/Premium: MICROSOFT.CDN).
    query: 'AzureDiagnostics | where ResourceProvider == "MICROSOFT.CDN" and Category == "FrontDoorWebApplicationFirewallLog" and action_s == "Block" | summarize bloqueos = count() by ruleName_s | where bloqueos > ${wafBlockThreshold}'
  }
  {
    name: 'ihce-auditoria-worm'
    displayName: 'IHCE: copia inmutable de la auditoría atrasada'
    description: 'Un registro de auditoría no se pudo anexar al contenedor audit-worm; queda en la tabla auditpending y el temporizador outbox-dispatch lo reintenta cada minuto. Revise el rol de la identidad sobre audit-worm y el estado de la cuenta de almacenamiento.'
    severity: 1
    windowSize: 'PT15M'
    threshold: 0
    query: 'AppTraces | where Message contains "IHCE-AUDITORIA-WORM"'
  }
  {
    name: 'ihce-certificado-sin-restaurar'
    displayName: 'IHCE: certificado registrado que puede faltar en Entra ID'
    description: 'Una carga de certificado perdió frente a otra y no pudo dejar la aplicación del prestador en Entra ID como dice el registro (bloqueo ocupado o Graph falló): el certificado registrado puede faltar y el prestador no podría autenticarse. Compare los certificados de la aplicación IHCE-PRE/PRD-<NIT> con el registrado y agréguelo a mano si falta.'
    severity: 1
    windowSize: 'PT5M'
    threshold: 0
    query: 'AppTraces | where Message contains "IHCE-CERTIFICADO-SIN-RESTAURAR"'
  }
  {
    name: 'ihce-sin-direccion'
    displayName: 'IHCE: solicitudes sin dirección de cliente confiable'
    description: 'Llegan solicitudes sin X-Azure-FDID válido: comparten un solo límite de intentos. Revise que el tráfico pase por Front Door y el ajuste FRONT_DOOR_ID.'
    severity: 2
    windowSize: 'PT15M'
    threshold: 0
    query: 'AppTraces | where Message contains "IHCE-SIN-DIRECCION"'
  }
]

resource logAlertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for alert in logAlerts: {
  name: alert.name
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: alert.displayName
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [
      workspaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: alert.windowSize
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: alert.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    // A fresh workspace has no AzureDiagnostics rows (and so no _d/_s columns) until Key Vault or the WAF logs once.
    skipQueryValidation: true
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}]

output actionGroupId string = actionGroup.id
output alertRuleNames array = [for (alert, i) in logAlerts: logAlertRules[i].name]
