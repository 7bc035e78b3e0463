import { describe, expect, it } from 'vitest';
import type { DirectoryRepository } from '../../src/directory/directory.repository';
import type { Delegate } from '../../src/directory/directory.schemas';
import { formatRadicado, parseRadicado } from '../../src/requests/radicado';
import { requesterOf } from '../../src/requests/requester';

const delegates: Delegate[] = [
  { nit: '900123456', idType: 'PT', idNumber: '4455667', firstNames: 'Ana María', lastNames: 'Rojas', email: 'ana@ips.example' },
  { nit: '900123456', idType: 'PA', idNumber: 'AB12345', firstNames: 'Luis', lastNames: 'Gómez', email: 'luis@ips.example' },
  {
    nit: '900123456',
    idType: 'CC',
    idNumber: '52000111',
    firstNames: 'Rosa',
    lastNames: 'Díaz',
    email: 'rosa@ips.example',
    phone: '+57 310 555 1234',
  },
];
const reads: string[] = [];
const directory = {
  getDelegate: async (nit: string, person: { idType: string; idNumber: string }) => {
    reads.push(`${nit}/${person.idType}-${person.idNumber}`);
    return delegates.find((d) => d.nit === nit && d.idType === person.idType && d.idNumber === person.idNumber);
  },
} as unknown as DirectoryRepository;

describe('who asked, from the directory', () => {
  it('finds the delegate behind a username by point reads, whatever the document type (PT, passports with letters)', async () => {
    expect(await requesterOf(directory, '900123456', 'PT4455667-900123456')).toEqual({
      username: 'PT4455667-900123456',
      name: 'Ana María Rojas',
      email: 'ana@ips.example',
      inDirectory: true,
    });
    expect(await requesterOf(directory, '900123456', 'PAAB12345-900123456')).toMatchObject({ name: 'Luis Gómez', inDirectory: true });
    expect(reads.every((read) => read.startsWith('900123456/'))).toBe(true);
  });

  it('the phone the directory holds for the delegate comes along (issue 16: the official sees name, e-mail and phone)', async () => {
    expect(await requesterOf(directory, '900123456', 'CC52000111-900123456')).toEqual({
      username: 'CC52000111-900123456',
      name: 'Rosa Díaz',
      email: 'rosa@ips.example',
      phone: '+57 310 555 1234',
      inDirectory: true,
    });
  });

  it('a delegate no longer in the directory, or of another provider, is said to be so', async () => {
    expect(await requesterOf(directory, '900123456', 'CC1000000001-900123456')).toEqual({
      username: 'CC1000000001-900123456',
      inDirectory: false,
    });
    expect(await requesterOf(directory, '800111222', 'PT4455667-900123456')).toMatchObject({ inDirectory: false });
  });
});

describe('radicado text', () => {
  it('is IHCE-<year>-<6 digits>, and what an official types is read in any case, with spaces around', () => {
    expect(formatRadicado(2026, 123)).toBe('IHCE-2026-000123');
    expect(parseRadicado(' ihce-2026-000123 ')?.slice(1)).toEqual(['2026', '000123']);
    for (const bad of ['IHCE-2026-123', 'IHCE-26-000123', 'XIHCE-2026-000123', 'IHCE-2026-0001234']) expect(parseRadicado(bad)).toBeNull();
  });
});
