import type { Services } from '../../src/composition-root';
import { uniqueHabilitationCode, uniqueIdNumber, uniqueNit } from './test-app';

export type ProviderFixture = {
  nit: string;
  name: string;
  habilitationCode: string;
  /** Where its first site is (Cundinamarca / Chía unless a test needs another department). */
  place?: { department: string; municipality: string };
  delegate: { idType: 'CC'; idNumber: string; firstNames: string; lastNames: string; email: string };
};
export type OfficerFixture = { idType: 'CC'; idNumber: string; firstNames: string; lastNames: string; email: string };

export function providerFixture(label = 'Prueba'): ProviderFixture {
  const nit = uniqueNit();
  return {
    nit,
    name: `IPS ${label} ${nit} S.A.S.`,
    habilitationCode: uniqueHabilitationCode(),
    delegate: {
      idType: 'CC',
      idNumber: uniqueIdNumber(),
      firstNames: 'María José',
      lastNames: `Delegada ${label}`,
      email: `delegada.${nit}@pruebas.example`,
    },
  };
}

export function officerFixture(): OfficerFixture {
  const idNumber = uniqueIdNumber();
  return {
    idType: 'CC',
    idNumber,
    firstNames: 'Julián',
    lastNames: 'Funcionario Pruebas',
    email: `funcionario.${idNumber}@minsalud-pruebas.example`,
  };
}

export const providersCsv = (providers: ProviderFixture[]) =>
  ['nit,razon_social,codigo_habilitacion,departamento,municipio,correo']
    .concat(
      providers.map(
        (p) =>
          `${p.nit},"${p.name}",${p.habilitationCode},${p.place?.department ?? 'Cundinamarca'},${p.place?.municipality ?? 'Chía'},contacto.${p.nit}@pruebas.example`,
      ),
    )
    .join('\n');

export const delegatesCsv = (providers: ProviderFixture[]) =>
  ['nit,tipo_identificacion,numero_identificacion,nombres,apellidos,correo']
    .concat(
      providers.map(
        (p) => `${p.nit},${p.delegate.idType},${p.delegate.idNumber},${p.delegate.firstNames},${p.delegate.lastNames},${p.delegate.email}`,
      ),
    )
    .join('\n');

export const officersCsv = (officers: OfficerFixture[]) =>
  ['tipo_identificacion,numero_identificacion,nombres,apellidos,correo']
    .concat(officers.map((o) => `${o.idType},${o.idNumber},${o.firstNames},${o.lastNames},${o.email}`))
    .join('\n');

export async function seedDirectory(services: Services, providers: ProviderFixture[], officers: OfficerFixture[]) {
  const reports = await services.directoryImport.importFiles({
    ...(providers.length > 0 && { providers: providersCsv(providers), delegates: delegatesCsv(providers) }),
    ...(officers.length > 0 && { officers: officersCsv(officers) }),
  });
  const failed = reports.filter((r) => !r.imported);
  if (failed.length > 0) throw new Error(`No se pudo sembrar el directorio: ${JSON.stringify(failed)}`);
}
