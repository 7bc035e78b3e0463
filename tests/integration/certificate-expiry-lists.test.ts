import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as providersList } from '../../functions/providers-list';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { createStorage, type Storage, type TableName } from '../../src/platform/storage/storage';
import type { EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { certificateEndingAfter, registerByHand, startCertificateApp, uploadCertificate } from '../support/certificate-app';
import { officerFixture, providerFixture, type ProviderFixture } from '../support/directory-fixtures';
import { saveProviderKeys } from '../support/officer-calls';
import { call, useTestServices } from '../support/test-app';

/**
 * The expiry calendar's lists, certificates beside secrets: in a certificate-only environment the key file's date is
 * the registered certificate's (certificate-follow.ts), so its row and the certificate's say one fact, and «Por
 * vencer» and the Tablero show it once, as «Certificado». In an environment that takes either, a ClientSecret and a
 * certificate ending the same day are two keys: both are listed. Pre-production takes either and registers uploads
 * through Graph; production takes only certificates, registered by hand.
 */
const now = Date.now();
const clock = { now: () => new Date(now) };
let entra: EntraSimulator;
let services: Services;
const onlyCertificate = providerFixture('Lista Solo Certificado');
const both = providerFixture('Lista Secreto Y Certificado');
const officer = officerFixture();
let officerCookie: string;
let cookies: Map<string, string>;
let env: Record<string, string>;

const today = () => bogotaDay(new Date(now));
const keys = (n: string, days: number) => ({
  mode: 'manual',
  clientId: `3b4e28ba-2fa1-41d2-883f-0016d3cca5${n}`,
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  expiresOn: addDays(today(), days),
  scope: 'api://ihce/.default',
  endpoint: 'https://apim-ihce.example/fhir',
});
/** Keys saved by an official: pre-production with a typed ClientSecret ending in `pre` days, production without. */
async function assigned(p: ProviderFixture, n: string, pre: number, production: number) {
  const saved = await saveProviderKeys(officerCookie, p.nit, {
    preproduction: { ...keys(`${n}1`, pre), clientSecret: `Manual~${n}~0123456789abcdefABCDEFGH` },
    production: keys(`${n}2`, production),
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}
const upload = async (p: ProviderFixture, environment: string, days: number) => {
  const { pem } = await certificateEndingAfter(new Date(now), days);
  const uploaded = await uploadCertificate(cookies.get(p.nit)!, environment, pem);
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
  return uploaded.body;
};
/** The storage gateway, counting the point reads (`get`) of each table, by the row's partition (a NIT there). */
function readCounting(inner: Storage) {
  const reads: string[] = [];
  const storage: Storage = {
    ...inner,
    tableOf: <T extends object>(name: TableName) => {
      const table = inner.tableOf<T>(name);
      return new Proxy(table, {
        get: (target, property) =>
          property === 'get'
            ? (partitionKey: string, rowKey: string) => (reads.push(`${name} ${partitionKey}`), target.get(partitionKey, rowKey))
            : Reflect.get(target, property),
      });
    },
  };
  return { storage, reads };
}

/** «Por vencer» as the web reads it (GET /api/providers?filtro=por-vencer), the provider's rows. */
const porVencer = async (p: ProviderFixture) => {
  const list = await call(providersList, { cookie: officerCookie, path: 'providers?filtro=por-vencer' });
  expect(list.status).toBe(200);
  return list.body.items
    .filter((item: { nit: string }) => item.nit === p.nit)
    .map((item: any) => [item.environment, item.credential, item.credentialLabel, item.expiresOn, item.daysLeft]);
};

beforeAll(async () => {
  ({ entra, env, services, officerCookie, cookies } = await startCertificateApp({
    env: { PREPRODUCTION_AUTO_ISSUE: 'off', PREPRODUCTION_CREDENTIAL_TYPE: 'either', PRODUCTION_CREDENTIAL_TYPE: 'certificate' },
    overrides: { clock },
    providers: [onlyCertificate, both],
    officers: [officer],
  }));
  // Certificate-only production: the key file's date (300 days) becomes the registered certificate's (30 days).
  await assigned(onlyCertificate, '1', 400, 300);
  await upload(onlyCertificate, 'production', 30);
  expect((await registerByHand(officerCookie, onlyCertificate.nit)).status).toBe(200);
  expect((await services.keyFiles.getFile(onlyCertificate.nit)).environments.production!.expiresOn).toBe(addDays(today(), 30));
  // Pre-production takes either: a ClientSecret and a certificate (registered through Graph), both ending in 40 days.
  await assigned(both, '2', 40, 400);
  expect((await upload(both, 'preproduction', 40)).registration).toBe('entra');
});
afterAll(() => entra.close());

describe('certificate expiries in «Por vencer» and the Tablero', () => {
  it('certificate-only: the key file dated by its certificate is listed once, as «Certificado», not also as a ClientSecret', async () => {
    expect(await porVencer(onlyCertificate)).toEqual([['production', 'certificate', 'Certificado', addDays(today(), 30), 30]]);
  });

  it('either: a ClientSecret and a certificate ending the same day are two keys, both listed', async () => {
    expect(await porVencer(both)).toEqual([
      ['preproduction', 'secret', 'ClientSecret', addDays(today(), 40), 40],
      ['preproduction', 'certificate', 'Certificado', addDays(today(), 40), 40],
    ]);
  });

  it('the Tablero counts the certificate-only key once, and the either environment’s two keys', async () => {
    const figures = await services.dashboard.figures();
    expect(figures.expiring.map((e) => [e.environment, e.within30, e.within60, e.within90])).toEqual([
      ['preproduction', 0, 2, 2],
      ['production', 1, 1, 1],
    ]);
  });

  it('a «Por vencer» page reads each NIT’s key file and directory entry once, and each dated certificate once; the Tablero each certificate once', async () => {
    const counted = readCounting(createStorage(loadConfig(env)));
    const countedServices = await buildServices(loadConfig(env), { log: () => {}, clock, storage: counted.storage });
    useTestServices(countedServices);
    try {
      expect(await porVencer(onlyCertificate)).toHaveLength(1);
      const ours = (table: string) =>
        counted.reads.filter((read) => read === `${table} ${onlyCertificate.nit}` || read === `${table} ${both.nit}`).length;
      // Four rows (two per NIT: a secret row and a certificate row each): two key files, two providers, two certificates.
      expect([ours('keyfiles'), ours('providers'), ours('certificates')]).toEqual([2, 2, 2]);
      // The Tablero: a key file per secret row, a certificate per (NIT, environment); the covered row adds none.
      counted.reads.length = 0;
      await countedServices.dashboard.figures();
      expect([ours('keyfiles'), ours('certificates')]).toEqual([2, 2]);
    } finally {
      useTestServices(services);
    }
  });
});
