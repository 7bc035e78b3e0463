import { beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as requestsList } from '../../functions/requests-list';
import type { Services } from '../../src/composition-root';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { call, startTestServices } from '../support/test-app';
import { where } from '../../src/platform/storage/filter';

let services: Services;
let officerCookie: string;
const provider = providerFixture('Cola');
const officer = officerFixture();

beforeAll(async () => {
  services = await startTestServices();
  await seedDirectory(services, [provider], [officer]);
  officerCookie = (await signedInOfficer(services, officer)).cookie;
  const delegate = await signedInDelegate(services, provider);
  expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
});

describe('Asignar Token queue with stale rows', () => {
  it('rows whose request is not in the file are skipped (and old ones removed); a page is never empty while requests wait', async () => {
    const table = services.storage.tableOf('pendingqueue');
    const old = new Date(Date.now() - 3_600_000);
    for (let i = 0; i < 3; i++) {
      const since = new Date(old.getTime() + i);
      await table.upsert({
        partitionKey: 'pending',
        rowKey: `${since.toISOString()}|80000000${i}`,
        nit: `80000000${i}`,
        requestId: 'no-existe',
        since,
      });
    }
    const page = await call(requestsList, { cookie: officerCookie, path: 'requests?status=pending&limit=1' });
    expect(page.status).toBe(200);
    expect(page.body.items.map((item: { nit: string }) => item.nit)).toEqual([provider.nit]);
    // Issue 16: each entry also has copies under its kind and department (the filters' partitions); one entry is left.
    let left = 0;
    for await (const _ of table.query({ filter: where.inPartition('pending') })) left++;
    expect(left).toBe(1);
    for await (const row of table.query()) expect(row.nit).toBe(provider.nit);
  });

  // Issue 16: the list is paged by number now (no cursor); a page that is not one answers 400 in Spanish, not 500.
  it('a page that is not a whole number from 1 answers 400, not 500', async () => {
    const result = await call(requestsList, { cookie: officerCookie, path: 'requests?status=pending&pagina=%7Bnope' });
    expect(result.status).toBe(400);
    expect(result.body.errors[0]).toEqual({ field: 'pagina', message: 'La página debe ser un número entero desde 1.' });
  });
});
