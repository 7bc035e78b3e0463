import * as z from 'zod';
import type { TableClient } from '@azure/data-tables';
import { documentTypeSchema } from '../identity/colombian-ids';
import { getEntityOrUndefined, type Storage } from '../platform/storage/storage';
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
const delegateEntitySchema = personEntitySchema.extend({ partitionKey: z.string() });

export const personKey = (person: Pick<Person, 'idType' | 'idNumber'>) => `${person.idType}-${person.idNumber.toUpperCase()}`;

const personEntity = (person: Person) => ({
  idType: person.idType,
  idNumber: person.idNumber,
  firstNames: person.firstNames,
  lastNames: person.lastNames,
  email: person.email,
});

export type DirectoryRepository = ReturnType<typeof createDirectoryRepository>;

export function createDirectoryRepository(storage: Storage) {
  const providers = storage.table('providers');
  const delegates = storage.table('delegates');
  const officers = storage.table('officers');

  const toProvider = (row: unknown): Provider => {
    const parsed = providerEntitySchema.parse(row);
    return { nit: parsed.partitionKey, name: parsed.name, sites: parsed.sites };
  };
  const toDelegate = (row: unknown): Delegate => {
    const { partitionKey, ...person } = delegateEntitySchema.parse(row);
    return { ...person, nit: partitionKey };
  };
  const toOfficer = (row: unknown): Officer => personEntitySchema.parse(row);

  return {
    async getProvider(nit: string): Promise<Provider | undefined> {
      const row = await getEntityOrUndefined(providers, nit, PROVIDER_ROW);
      return row && toProvider(row);
    },
    async getDelegate(nit: string, person: Pick<Person, 'idType' | 'idNumber'>): Promise<Delegate | undefined> {
      const row = await getEntityOrUndefined(delegates, nit, personKey(person));
      return row && toDelegate(row);
    },
    async getOfficer(person: Pick<Person, 'idType' | 'idNumber'>): Promise<Officer | undefined> {
      const row = await getEntityOrUndefined(officers, OFFICER_PARTITION, personKey(person));
      return row && toOfficer(row);
    },
    async delegatesOf(nit: string): Promise<Delegate[]> {
      const delegatesOfNit: Delegate[] = [];
      for await (const row of delegates.listEntities({ queryOptions: { filter: `PartitionKey eq '${nit.replace(/'/g, "''")}'` } })) {
        delegatesOfNit.push(toDelegate(row));
      }
      return delegatesOfNit;
    },
    async hasAnyProvider(): Promise<boolean> {
      for await (const page of providers.listEntities({ queryOptions: { select: ['PartitionKey'] } }).byPage({ maxPageSize: 1 })) {
        return page.length > 0;
      }
      return false;
    },
    listProviders: () => listAll(providers, toProvider),
    listDelegates: () => listAll(delegates, toDelegate),
    listOfficers: () => listAll(officers, toOfficer),
    saveProvider: (provider: Provider) =>
      providers.upsertEntity(
        { partitionKey: provider.nit, rowKey: PROVIDER_ROW, name: provider.name, sites: JSON.stringify(provider.sites) },
        'Replace',
      ),
    saveDelegate: (delegate: Delegate) =>
      delegates.upsertEntity({ partitionKey: delegate.nit, rowKey: personKey(delegate), ...personEntity(delegate) }, 'Replace'),
    removeDelegate: (delegate: Delegate) => delegates.deleteEntity(delegate.nit, personKey(delegate)),
    saveOfficer: (officer: Officer) =>
      officers.upsertEntity({ partitionKey: OFFICER_PARTITION, rowKey: personKey(officer), ...personEntity(officer) }, 'Replace'),
    removeOfficer: (officer: Officer) => officers.deleteEntity(OFFICER_PARTITION, personKey(officer)),
  };
}

async function listAll<T>(table: TableClient, map: (row: unknown) => T): Promise<T[]> {
  const items: T[] = [];
  for await (const row of table.listEntities()) items.push(map(row));
  return items;
}
