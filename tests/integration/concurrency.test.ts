import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as requestsList } from '../../functions/requests-list';
import type { Services } from '../../src/composition-root';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { emailsTo } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { getProviderFile, putProviderKeys } from '../support/officer-calls';
import { call, startTestServices } from '../support/test-app';
import { countSafety } from '../support/totals';

const CROWD = 20;
const providers = Array.from({ length: CROWD + 1 }, (_, i) => providerFixture(`Concurrencia ${i}`));
const officer = officerFixture();
let services: Services;
const delegates: string[] = [];
let officerCookie: string;

beforeAll(async () => {
  services = await startTestServices();
  await seedDirectory(services, providers, [officer]);
  officerCookie = (await signedInOfficer(services, officer)).cookie;
  for (const provider of providers) delegates.push((await signedInDelegate(services, provider)).cookie);
}, 120_000);

const alertsFor = async (nit: string) =>
  (await emailsTo(officer.email)).filter((mail) => mail.subject.startsWith('Nueva solicitud') && mail.subject.includes(nit));

describe('concurrency', () => {
  it(`${CROWD} delegates requesting at the same moment: every request saved, each once in the pending list, one alert each`, async (context) => {
    const results = await Promise.all(
      delegates.slice(0, CROWD).map((cookie) => call(myRequestsCreate, { cookie, body: validRequest('first') })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(CROWD).fill(201));
    const listed = await call(requestsList, { cookie: officerCookie, path: 'requests?status=pending&limit=50' });
    const nits = listed.body.items.map((item: { nit: string }) => item.nit);
    for (const provider of providers.slice(0, CROWD)) expect(nits.filter((nit: string) => nit === provider.nit)).toHaveLength(1);
    // Handled twice, as at-least-once delivery allows: still one e-mail per request.
    await drainNotifications(services);
    await drainNotifications(services);
    for (const provider of providers.slice(0, CROWD)) expect(await alertsFor(provider.nit)).toHaveLength(1);
    countSafety(context, { invariantsHeld: CROWD * 3 });
  });

  it('one delegate sending the same request eight times at once: one is saved, the others are told one is pending', async (context) => {
    const cookie = delegates[CROWD]!;
    const provider = providers[CROWD]!;
    const results = await Promise.all(Array.from({ length: 8 }, () => call(myRequestsCreate, { cookie, body: validRequest('first') })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const file = await getProviderFile(officerCookie, provider.nit);
    expect(file.body.requests).toHaveLength(1);
    await drainNotifications(services);
    expect(await alertsFor(provider.nit)).toHaveLength(1);
    countSafety(context, { invariantsHeld: 3 });
  });

  it('the same request assigned by two officials at once with the same version: one save lands, the other gets 409, one notice', async (context) => {
    const provider = providers[0]!;
    const file = await getProviderFile(officerCookie, provider.nit);
    const body = (tag: string) => {
      const env = (n: string) => ({
        clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${n}`,
        clientSecret: `${tag}~${n}~0123456789abcdef`,
        expiresOn: addDays(bogotaDay(new Date()), 300),
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        scope: 'api://ihce/.default',
        endpoint: 'https://apim-ihce.example/fhir',
      });
      return { preproduction: env('01'), production: env('02') };
    };
    // The same version for all three: each official read the file before any saved.
    const put = (tag: string) => putProviderKeys(officerCookie, provider.nit, body(tag), file.body.version);
    const results = await Promise.all([put('uno'), put('dos'), put('tres')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    await drainNotifications(services);
    await drainNotifications(services);
    const notices = (await emailsTo(provider.delegate.email)).filter((mail) => mail.subject.startsWith('Llaves de acceso IHCE asignadas'));
    expect(notices).toHaveLength(1);
    const after = await getProviderFile(officerCookie, provider.nit);
    expect(after.body.status).toBe('assigned');
    expect(after.body.requests.filter((r: { status: string }) => r.status === 'assigned')).toHaveLength(1);
    countSafety(context, { invariantsHeld: 4 });
  });
});
