import type { Delegate, Officer, Person, Provider } from './directory.schemas';

/** How a person is keyed in the directory: document type and number (upper case). */
export const personKey = (person: Pick<Person, 'idType' | 'idNumber'>) => `${person.idType}-${person.idNumber.toUpperCase()}`;

/** How many writes (or batches of writes) at once, and who hears each batch written (its number of rows). */
export type BulkOptions = { concurrency: number; written?: (rows: number) => Promise<void> | void };

/**
 * The ministry's registries: providers (by NIT), their designated delegates, and the officers. Loaded by the
 * directory import; read by sign-in, registration and every session check.
 */
export interface DirectoryRepository {
  getProvider(nit: string): Promise<Provider | undefined>;
  getDelegate(nit: string, person: Pick<Person, 'idType' | 'idNumber'>): Promise<Delegate | undefined>;
  getOfficer(person: Pick<Person, 'idType' | 'idNumber'>): Promise<Officer | undefined>;
  delegatesOf(nit: string): Promise<Delegate[]>;
  /** Every provider this person is a delegate of, read by key (an index by person), never by scanning the delegates. */
  delegationsOf(person: Pick<Person, 'idType' | 'idNumber'>): Promise<Delegate[]>;
  hasAnyProvider(): Promise<boolean>;
  listProviders(): Promise<Provider[]>;
  listDelegates(): Promise<Delegate[]>;
  listOfficers(): Promise<Officer[]>;
  /** Creates or overwrites. */
  saveProvider(provider: Provider): Promise<void>;
  saveDelegate(delegate: Delegate): Promise<void>;
  saveOfficer(officer: Officer): Promise<void>;
  /** Removing someone already gone is not an error. */
  removeDelegate(delegate: Delegate): Promise<void>;
  removeOfficer(officer: Officer): Promise<void>;
  /**
   * An import's changes in bulk, the same rows the one-at-a-time methods write (the delegates' person index
   * included): grouped by partition in batches of at most 100, `concurrency` in flight. Removing someone
   * already gone is not an error.
   */
  writeProviders(save: readonly Provider[], options: BulkOptions): Promise<void>;
  writeDelegates(save: readonly Delegate[], remove: readonly Delegate[], options: BulkOptions): Promise<void>;
  writeOfficers(save: readonly Officer[], remove: readonly Officer[], options: BulkOptions): Promise<void>;
}
