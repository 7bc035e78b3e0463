import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myCertificatesPut } from '../../functions/my-certificates-put';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import type { EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { createKeyVaultSecretStore } from '../../src/adapters/secrets/key-vault-secret-store';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { AUTO_ISSUE_ACTOR } from '../../src/credentials/preproduction-auto-issue';
import { signedInDelegate, validRequest } from '../support/accounts';
import { startCertificateApp } from '../support/certificate-app';
import { makeCertificate } from '../support/certificates';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { createKeyVaultContract, VAULT_URL } from '../support/key-vault-contract';
import { emailsTo, waitForEmails } from '../support/maildev';
import { getProviderFile, putProviderKeys } from '../support/officer-calls';
import { drainNotifications } from '../support/queue';
import { call, useTestServices } from '../support/test-app';

/**
 * Issue 17, «Certificados en lugar de secretos»: in an environment that accepts only certificates, «Generar en
 * Entra ID» and the automatic pre-production issuance create the application and nothing else: no password on it,
 * no ClientSecret in Key Vault, and the delegate's e-mail asks for the certificate.
 */
const PRE_TENANT = '31111111-2222-4333-8444-555555555555';
const PRD_TENANT = '86666666-7777-4888-9999-aaaaaaaaaaaa';

let entra: EntraSimulator;
let env: Record<string, string>;
/** Both environments certificate-only, pre-production issued automatically. */
let services: Services;
/** The same storage, vault and simulator before the switch: both environments take either. */
let either: Services;
const vault = createKeyVaultContract();
const officer = officerFixture();
let officerCookie: string;
const delegateCookies = new Map<string, string>();

const future = (days: number) => addDays(bogotaDay(new Date()), days);
const generate = (days = 365) => ({
  mode: 'entra',
  expiresOn: future(days),
  scope: 'api://ihce/.default',
  endpoint: 'https://apim-ihce.example/fhir',
});
const appOf = (p: ProviderFixture, tag: 'PRE' | 'PRD') => entra.applications().find((app) => app.displayName === `IHCE-${tag}-${p.nit}`);
/** Every ClientSecret version Key Vault holds for this provider (any environment). */
const clientSecretsOf = (p: ProviderFixture) =>
  [...vault.stored.entries()]
    .filter(([name]) => name.includes(p.nit) && name.endsWith('client-secret'))
    .flatMap(([, v]) => [...v.values()]);
const getFile = (p: ProviderFixture) => getProviderFile(officerCookie, p.nit);
const put = async (p: ProviderFixture, body: object) =>
  putProviderKeys(
    officerCookie,
    p.nit,
    { updateReason: 'Cambio a autenticación con certificado.', ...body },
    (await getFile(p)).body.version,
  );
const techLead = (p: ProviderFixture) => ({ name: 'Líder Técnico', email: `lider.${p.nit}@proveedor.example`, phone: '+57 310 555 1234' });

async function requested(name: string) {
  const provider = providerFixture(name);
  await seedDirectory(services, [provider], []);
  const cookie = (await signedInDelegate(services, provider)).cookie;
  delegateCookies.set(provider.nit, cookie);
  const created = await call(myRequestsCreate, { cookie, body: validRequest('first', { techLead: techLead(provider) }) });
  expect(created.status).toBe(201);
  return provider;
}

/** The delegate's e-mail that announces keys (assigned, updated or issued automatically), newest last. */
async function keysMail(p: ProviderFixture, subject: RegExp) {
  await waitForEmails(p.delegate.email, 1);
  for (let tries = 0; tries < 50; tries++) {
    const found = (await emailsTo(p.delegate.email)).filter((mail) => subject.test(mail.subject));
    if (found.length > 0) return found.at(-1)!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No llegó a ${p.delegate.email} un correo «${subject.source}»`);
}

/** Each set of services gets its own Key Vault client over the same simulated vault. */
const secrets = () =>
  createKeyVaultSecretStore({
    vaultUrl: VAULT_URL,
    credential: vault.credential,
    clientOptions: { httpClient: vault.httpClient, retryOptions: { maxRetries: 0 } },
  });

beforeAll(async () => {
  ({ entra, env, services, officerCookie } = await startCertificateApp({
    env: {
      SECRET_STORE: 'keyvault',
      KEY_VAULT_URL: VAULT_URL,
      PREPRODUCTION_TENANT_ID: PRE_TENANT,
      PREPRODUCTION_SCOPE: 'api://ihce-preproduccion/.default',
      PREPRODUCTION_ENDPOINT: 'https://apim-ihce-preproduccion.example/fhir',
      PREPRODUCTION_AUTO_ISSUE: 'on',
      PRODUCTION_GRAPH_MODE: 'simulated',
      PRODUCTION_TENANT_ID: PRD_TENANT,
      PREPRODUCTION_CREDENTIAL_TYPE: 'certificate',
      PRODUCTION_CREDENTIAL_TYPE: 'certificate',
    },
    overrides: { secrets: secrets() },
    officers: [officer],
  }));
  either = await buildServices(
    loadConfig({ ...env, PREPRODUCTION_AUTO_ISSUE: 'off', PREPRODUCTION_CREDENTIAL_TYPE: 'either', PRODUCTION_CREDENTIAL_TYPE: 'either' }),
    { log: () => {}, secrets: secrets() },
  );
});
afterAll(() => entra.close());

describe('certificate-only environments generate the application without a password', () => {
  it('when a request arrives in a certificate-only pre-production, the automatic issuance creates the application only, stores no secret and asks the delegate for the certificate', async () => {
    const provider = await requested('Solo Certificado Automática');
    await drainNotifications(services);

    const pre = appOf(provider, 'PRE')!;
    expect(pre).toBeDefined();
    expect(pre.passwordCredentials).toEqual([]);
    expect(entra.calls.filter((c) => c.path.endsWith(`/applications/${pre.id}/addPassword`))).toEqual([]);
    expect(clientSecretsOf(provider)).toEqual([]);

    const file = (await getFile(provider)).body;
    expect(file.environments.preproduction).toMatchObject({ clientId: pre.appId, source: 'entra', assignedBy: AUTO_ISSUE_ACTOR });
    expect(file.environments.preproduction.secretVersions).toEqual([]);
    expect(file.environments.production).toBeUndefined();
    const stored = (await services.keyFiles.getFile(provider.nit)).environments.preproduction!;
    expect(stored.clientSecretRef).toBeUndefined();
    expect(stored.entra).toEqual({ applicationObjectId: pre.id });

    for (const address of [provider.delegate.email, techLead(provider).email]) {
      await waitForEmails(address, 1);
      const mail = (await emailsTo(address)).find((item) => item.subject.includes('asignadas automáticamente'))!;
      expect(mail.text).toContain(pre.appId);
      expect(mail.text).toContain('Preproducción acepta solo certificado: el Ministerio no emite ClientSecret.');
      expect(mail.text).toContain('Cargue el certificado público (.cer) de Preproducción');
      expect(mail.text).not.toContain('no incluye el ClientSecret');
      expect(mail.text).not.toContain('El ClientSecret es nuevo');
    }
  }, 60_000);

  it('when an official generates production in a certificate-only environment, the application gets no password, Key Vault no secret, and a registered certificate gives the keys its end date', async () => {
    const provider = await requested('Solo Certificado Funcionario');
    await drainNotifications(services);
    // The delegate uploaded production's certificate first: Graph adds it to IHCE-PRD-<NIT> as a key credential.
    const notAfter = new Date(Date.now() + 400 * 86_400_000);
    const { pem } = await makeCertificate({ notAfter });
    const uploaded = await call(myCertificatesPut, {
      method: 'PUT',
      cookie: delegateCookies.get(provider.nit)!,
      path: 'my/certificates/production',
      params: { environment: 'production' },
      body: { certificate: pem },
    });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    const current = (await getFile(provider)).body.environments.preproduction;

    const saved = await put(provider, {
      preproduction: {
        clientId: current.clientId,
        tenantId: current.tenantId,
        expiresOn: current.expiresOn,
        scope: current.scope,
        endpoint: current.endpoint,
      },
      production: generate(300),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const prd = appOf(provider, 'PRD')!;
    expect(prd.passwordCredentials).toEqual([]);
    expect(prd.keyCredentials).toHaveLength(1);
    expect(appOf(provider, 'PRE')!.passwordCredentials).toEqual([]);
    expect(clientSecretsOf(provider)).toEqual([]);
    const production = (await services.keyFiles.getFile(provider.nit)).environments.production!;
    expect(production).toMatchObject({ clientId: prd.appId, tenantId: PRD_TENANT, source: 'entra', scope: 'api://ihce/.default' });
    expect(production.clientSecretRef).toBeUndefined();
    // Not the 300 days typed: the certificate's last day.
    expect(production.expiresOn).toBe(bogotaDay(notAfter));

    await drainNotifications(services);
    // certfollow: the audit says no ClientSecret was issued, and that the key is the certificate.
    const trail = await services.audit.list(`provider:${provider.nit}`);
    expect(trail.find((row) => row.action === 'llaves.actualizadas' || row.action === 'llaves.asignadas')?.detail).toMatchObject({
      secretoProduccionNuevo: false,
      tipoDeLlaveProduccion: 'certificado',
    });
    const mail = await keysMail(provider, /Llaves de acceso IHCE asignadas/);
    expect(mail.text).toContain(`Producción: ClientID ${prd.appId}`);
    expect(mail.text).toMatch(/Producción acepta solo certificado: se usa el certificado cargado \(huella SHA-1 [0-9A-Fa-f]{40}\)/);
    expect(mail.text).toContain('Cargue el certificado público (.cer) de Preproducción');
    expect(mail.text).toContain('Estas llaves no llevan ClientSecret');
    expect(mail.text).not.toContain('no incluye el ClientSecret');
  }, 60_000);

  it('when keys generated with a password before the switch are generated again, the password is not renewed: it keeps working through the overlap and is then removed from the application and disabled in Key Vault', async () => {
    const provider = await requested('Antes Del Cambio');
    await drainNotifications(services);
    // Before the switch: production generated with a password (PRODUCTION_CREDENTIAL_TYPE=either).
    useTestServices(either);
    const before = await put(provider, { preproduction: generate(), production: generate() });
    useTestServices(services);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    const [oldPassword] = appOf(provider, 'PRD')!.passwordCredentials;
    expect(oldPassword).toBeDefined();
    expect(clientSecretsOf(provider)).toHaveLength(2);
    const oldRef = (await services.keyFiles.getFile(provider.nit)).environments.production!.clientSecretRef!;

    // After the switch: «Generar» again adds nothing, and the old password becomes the replaced one.
    const after = await put(provider, { preproduction: generate(), production: generate() });
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    expect(appOf(provider, 'PRD')!.passwordCredentials.map((p) => p.keyId)).toEqual([oldPassword!.keyId]);
    expect(clientSecretsOf(provider)).toHaveLength(2);
    const production = (await services.keyFiles.getFile(provider.nit)).environments.production!;
    expect(production.clientSecretRef).toBeUndefined();
    expect(production.entra).toEqual({ applicationObjectId: appOf(provider, 'PRD')!.id });
    expect(production.previousSecrets[0]).toMatchObject({
      ref: oldRef,
      entra: { keyId: oldPassword!.keyId },
      validUntil: expect.any(String),
    });
    await drainNotifications(services);
    const mail = await keysMail(provider, /Llaves de acceso IHCE (asignadas|actualizadas)/);
    expect(mail.text).toMatch(
      /El ClientSecret anterior seguirá funcionando hasta el .+ y después se retira: cambie la configuración al certificado/,
    );

    // End of the overlap: the retirement removes it from Entra ID and disables the version.
    await services.credentialLifecycle.retire(provider.nit, 'production', oldRef.version, 'sistema');
    expect(appOf(provider, 'PRD')!.passwordCredentials).toEqual([]);
    expect(vault.stored.get(oldRef.name)!.get(oldRef.version)!.enabled).toBe(false);
  }, 60_000);
});
