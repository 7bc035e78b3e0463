/** The bodies the bench sends: a first key request (Paso 1) and an official's keys for both environments. */
export const keyRequest = {
  kind: 'first',
  techVendorName: 'Soluciones Clínicas Andinas S.A.S.',
  softwareName: 'HistoriaAndina HIS 5',
  techLead: { name: 'Camilo Ríos Pardo', email: 'camilo.rios@ips-ejemplo.example', phone: '+57 310 555 1234' },
  dataProtectionOfficer: { name: 'Diana Lucía Mora', phone: '6015551234' },
  acceptsTerms: true,
  authorizesPersonalData: true,
};

export function json(origin: string) {
  return { 'content-type': 'application/json', origin };
}

export function credentialsBody(i: number) {
  const expiresOn = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
  const environment = (env: string, tenant: string) => ({
    mode: 'manual',
    clientId: `1b4e28ba-2fa1-41d2-883f-${String(i).padStart(12, '0')}`,
    clientSecret: `Secreto~${env}~${i}~${Math.random().toString(36).slice(2)}`,
    expiresOn,
    tenantId: tenant,
    scope: `api://ihce-${env}-demo/.default`,
    endpoint: `https://apim-ihce-${env}.demo.example/fhir`,
  });
  return {
    preproduction: environment('preproduccion', '00000000-0000-4000-8000-00000000a001'),
    production: environment('produccion', '00000000-0000-4000-8000-00000000b002'),
  };
}
