import * as z from 'zod';
import { documentTypeSchema } from '../identity/colombian-ids';
import { where } from '../platform/storage/filter';
import type { Storage } from '../platform/storage/storage';
import type { Table } from '../platform/storage/table';
import { createDelegatePersonIndex } from './delegate-person-index';
import { personKey, type DirectoryRepository } from './directory.repository';
import { writeGrouped } from './directory-bulk-write';
import { providerSiteSchema, type Delegate, type Officer, type Person, type Provider } from './directory.schemas';

const PROVIDER_ROW = 'provider';
const OFFICER_PARTITION = 'officer';

const providerEntitySchema = z.object({
  partitionKey: z.string(),
  name: z.string(),
  sites: z.string().transform((value) => providerSiteSchema.array().parse(JSON.parse(value))),
});

const personEntitySchema = z.object({
  idType: documentTypeSchema,
  idNumber: z.string(),
  firstNames: z.string(),
  lastNames: z.string(),
  email: z.string(),
});
const delegateEntitySchema = personEntitySchema.extend({ partitionKey: z.string(), phone: z.string().optional() });

type ProviderRow = { name: string; sites: string };
type PersonRow = z.input<typeof personEntitySchema> & { phone?: string };

const personEntity = (person: Person): PersonRow => ({
  idType: person.idType,
  idNumber: person.idNumber,
  firstNames: person.firstNames,
  lastNames: person.lastNames,
  email: person.email,
});

const providerRow = (provider: Provider) => ({
  partitionKey: provider.nit,
  rowKey: PROVIDER_ROW,
  name: provider.name,
  sites: JSON.stringify(provider.sites),
});
const delegateRow = (delegate: Delegate) => ({
  partitionKey: delegate.nit,
  rowKey: personKey(delegate),
  ...personEntity(delegate),
  ...(delegate.phone && { phone: delegate.phone }),
});
const officerRow = (officer: Officer) => ({ partitionKey: OFFICER_PARTITION, rowKey: personKey(officer), ...personEntity(officer) });

const toProvider = (row: unknown) => {
  const parsed = providerEntitySchema.parse(row);
  return { nit: parsed.partitionKey, name: parsed.name, sites: parsed.sites };
};
const toDelegate = (row: unknown) => {
  const { partitionKey, phone, ...person } = delegateEntitySchema.parse(row);
  return { ...person, nit: partitionKey, ...(phone && { phone }) };
};
const toOfficer = (row: unknown) => personEntitySchema.parse(row);

/** The directory in three tables: `providers` (partition = NIT), `delegates` (partition = NIT), `officers`. */
export function createDirectoryTableRepository(storage: Storage): DirectoryRepository {
  const providers = storage.tableOf<ProviderRow>('providers');
  const delegates = storage.tableOf<PersonRow>('delegates');
  const officers = storage.tableOf<PersonRow>('officers');
  const byPerson = createDelegatePersonIndex(storage, () => listAll(delegates, toDelegate));

  return {
    async getProvider(nit) {
      const row = await providers.get(nit, PROVIDER_ROW);
      return row && toProvider(row);
    },
    async getDelegate(nit, person) {
      const row = await delegates.get(nit, personKey(person));
      return row && toDelegate(row);
    },
    async getOfficer(person) {
      const row = await officers.get(OFFICER_PARTITION, personKey(person));
      return row && toOfficer(row);
    },
    async delegatesOf(nit) {
      const delegatesOfNit = [];
      for await (const row of delegates.query({ filter: where.inPartition(nit) })) delegatesOfNit.push(toDelegate(row));
      return delegatesOfNit;
    },
    async delegationsOf(person) {
      const found = await Promise.all((await byPerson.nitsOf(person)).map((nit) => delegates.get(nit, personKey(person))));
      return found.filter((row) => row !== undefined).map(toDelegate);
    },
    async hasAnyProvider() {
      return (await providers.page({ pageSize: 1, select: [] })).rows.length > 0;
    },
    listProviders: () => listAll(providers, toProvider),
    listDelegates: () => listAll(delegates, toDelegate),
    listOfficers: () => listAll(officers, toOfficer),
    async saveProvider(provider) {
      await providers.upsert(providerRow(provider));
    },
    async saveDelegate(delegate) {
      await delegates.upsert(delegateRow(delegate));
      await byPerson.added(delegate);
    },
    async saveOfficer(officer) {
      await officers.upsert(officerRow(officer));
    },
    async removeDelegate(delegate) {
      await delegates.delete(delegate.nit, personKey(delegate));
      await byPerson.removed(delegate);
    },
    async removeOfficer(officer) {
      await officers.delete(OFFICER_PARTITION, personKey(officer));
    },
    writeProviders: (save, options) => writeGrouped(providers, save.map(providerRow), [], options),
    async writeDelegates(save, remove, options) {
      // A person's index row goes in before the delegate and out after it: a crash in between leaves at most an
      // index row without its delegate (readers confirm each NIT), never a delegate that «¿Olvidó su usuario?» misses.
      await byPerson.addedMany(save, options.concurrency);
      await writeGrouped(delegates, save.map(delegateRow), remove.map(delegateRow), options);
      await byPerson.removedMany(remove, options.concurrency);
    },
    writeOfficers: (save, remove, options) => writeGrouped(officers, save.map(officerRow), remove.map(officerRow), options),
  };
}

async function listAll<R extends object, T>(table: Table<R>, map: (row: unknown) => T): Promise<T[]> {
  const items: T[] = [];
  for await (const row of table.query()) items.push(map(row));
  return items;
}
