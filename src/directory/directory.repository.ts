import type { Delegate, Officer, Person, Provider } from './directory.schemas';

/** How a person is keyed in the directory: document type and number (upper case). */
export const personKey = (person: Pick<Person, 'idType' | 'idNumber'>) => `${person.idType}-${person.idNumber.toUpperCase()}`;

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
}
