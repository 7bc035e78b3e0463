import { execFile } from 'node:child_process';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/composition-root';
import { DIRECTORY_IMPORT_SUBJECT, LISTED_KEYS } from '../../src/directory/import-audit';
import { createAuditTableLog } from '../../src/audit/audit.table-repository';
import { loadConfig } from '../../src/config';
import { systemClock } from '../../src/platform/clock';
import { createStorage } from '../../src/platform/storage/storage';
import { delegatesCsv, officerFixture, officersCsv, providerFixture, providersCsv } from '../support/directory-fixtures';
import { startTestServices, testEnv } from '../support/test-app';

let services: Services;
const providers = [providerFixture('Uno'), providerFixture('Dos')];
const officers = [officerFixture()];

beforeAll(async () => {
  services = await startTestServices();
});

describe('directory import', () => {
  it('imports, then a second run of the same files changes nothing', async () => {
    const files = { providers: providersCsv(providers), delegates: delegatesCsv(providers), officers: officersCsv(officers) };
    const first = await services.directoryImport.importFiles(files);
    expect(first.map((r) => [r.kind, r.imported, r.created, r.updated])).toEqual([
      ['providers', true, 2, 0],
      ['delegates', true, 2, 0],
      ['officers', true, 1, 0],
    ]);
    const second = await services.directoryImport.importFiles(files);
    expect(second.map((r) => [r.created, r.updated, r.unchanged, r.removed])).toEqual([
      [0, 0, 2, 0],
      [0, 0, 2, 0],
      [0, 0, 1, 0],
    ]);
    const provider = await services.directory.getProvider(providers[0]!.nit);
    expect(provider).toEqual({
      nit: providers[0]!.nit,
      name: providers[0]!.name,
      sites: [
        {
          habilitationCode: providers[0]!.habilitationCode,
          department: 'Cundinamarca',
          municipality: 'Chía',
          email: `contacto.${providers[0]!.nit}@pruebas.example`,
        },
      ],
    });
  });

  it('groups several habilitation codes (sedes) under one provider, and updates what changed', async () => {
    const p = providers[0]!;
    const csv = `${providersCsv(providers)}\n${p.nit},"${p.name}",${p.habilitationCode}01,Cundinamarca,Cajicá,sede@pruebas.example`;
    const [report] = await services.directoryImport.importFiles({ providers: csv });
    expect(report).toMatchObject({ imported: true, rows: 3, created: 0, updated: 1, unchanged: 1 });
    expect((await services.directory.getProvider(p.nit))!.sites.map((s) => s.habilitationCode)).toEqual([
      p.habilitationCode,
      `${p.habilitationCode}01`,
    ]);
  });

  it('validates the whole file first: every bad line is reported with its number and nothing is imported', async () => {
    const fresh = providerFixture('Nueva');
    const csv = [
      'nit,razon_social,codigo_habilitacion,departamento,municipio,correo',
      `${fresh.nit},"${fresh.name}",${fresh.habilitationCode},Boyacá,Tunja,ok@pruebas.example`,
      '900.123.456,IPS Con Puntos,1100100001,Boyacá,Tunja,ok@pruebas.example',
      `${fresh.nit},"${fresh.name}",123,Boyacá,Tunja,no-es-correo`,
      `${fresh.nit},"${fresh.name}",${fresh.habilitationCode},Boyacá,Tunja,ok@pruebas.example`,
      '"sin cerrar,IPS,1100100002,Boyacá,Tunja,ok@pruebas.example',
    ].join('\n');
    const [report] = await services.directoryImport.importFiles({ providers: csv });
    expect(report!.imported).toBe(false);
    // Issue 16: the unclosed quote no longer hides the other bad lines; all are reported in one run.
    expect(report!.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);

    const withoutQuote = csv.split('\n').slice(0, 5).join('\n');
    const [second] = await services.directoryImport.importFiles({ providers: withoutQuote });
    expect(second!.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(second!.errors[0]!.message).toContain('sin puntos');
    expect(second!.errors[1]!.message).toMatch(/código de habilitación.*correo/s);
    expect(second!.errors[2]!.message).toContain('ya aparece en la línea 2');
    expect(await services.directory.getProvider(fresh.nit)).toBeUndefined();
  });

  it('refuses delegates of NITs that are not providers, and removes delegates missing from a later file', async () => {
    const stranger = providerFixture('Extraña');
    const [bad] = await services.directoryImport.importFiles({ delegates: delegatesCsv([...providers, stranger]) });
    expect(bad!.imported).toBe(false);
    expect(bad!.errors).toEqual([
      { line: 4, message: expect.stringContaining(`el NIT ${stranger.nit} no está en el directorio de prestadores`) },
    ]);

    const [removal] = await services.directoryImport.importFiles({ delegates: delegatesCsv([providers[0]!]) });
    expect(removal).toMatchObject({ imported: true, unchanged: 1, removed: 1 });
    expect(await services.directory.getDelegate(providers[1]!.nit, providers[1]!.delegate)).toBeUndefined();
  });

  it('the npm script prints each bad line and exits 1; a good file exits 0', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ihce-import-'));
    const bad = path.join(dir, 'funcionarios.csv');
    await writeFile(
      bad,
      'tipo_identificacion,numero_identificacion,nombres,apellidos,correo\nXX,123,Ana,Pérez,ana@pruebas.example\nCC,1.234,Ana,Pérez,ana@pruebas.example\n',
    );
    const run = promisify(execFile);
    const env = { ...process.env, ...testEnv({ STORAGE_PREFIX: 'climport' }) };
    const tsx = path.resolve('node_modules/.bin/tsx');
    const failure = await run(tsx, ['scripts/directory-import.ts', '--officers', bad], { env }).catch((error) => error);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('Funcionarios: NO se importó nada de este archivo. 2 línea(s) con errores:');
    expect(failure.stderr).toContain('línea 2: tipo_identificacion:');
    expect(failure.stderr).toContain('línea 3: numero_identificacion:');

    const good = path.join(dir, 'buenos.csv');
    await writeFile(good, officersCsv([officerFixture()]));
    const success = await run(tsx, ['scripts/directory-import.ts', '--officers', good], { env });
    expect(success.stdout).toContain('Funcionarios: 1 fila(s) leídas; 1 nuevos, 0 actualizados, 0 sin cambios, 0 retirados.');
  });

  it('the npm script reads its files from disk as streams, never whole: with whole reads of CSV files forbidden, a file of many pieces imports', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ihce-import-'));
    const file = path.join(dir, 'prestadores.csv');
    const count = 2_000;
    const rows = Array.from(
      { length: count },
      (_, i) => `${930_000_000 + i};IPS Flujo ${i};${5_200_000_000 + i};Bogotá D.C.;Bogotá D.C.;sede${i}@flujo.example`,
    );
    await writeFile(file, ['nit;razon_social;codigo_habilitacion;departamento;municipio;correo', ...rows].join('\r\n'));
    expect((await stat(file)).size).toBeGreaterThan(2 * 64 * 1024);
    // fs.readFile/readFileSync of a .csv throws in the script, and so does a stream of it in pieces over 64 KB.
    const preload = pathToFileURL(path.resolve('tests/support/whole-csv-reads-forbidden.mjs')).href;
    const env = { ...process.env, ...testEnv(), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${preload}`.trim() };
    const result = await promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['scripts/directory-import.ts', '--providers', file], {
      env,
    });
    expect(result.stdout).toContain(`Prestadores: ${count} fila(s) leídas; ${count} nuevos`);
    expect(result.stderr).toContain('flujos CSV abiertos: 3'); // its encoding, the check-and-count reading, the writing one
  });
});

describe('the audit record of a directory import', () => {
  let audited: Services;
  const imports = async () => (await audited.audit.list(DIRECTORY_IMPORT_SUBJECT)).filter((r) => r.action === 'directorio.importado');

  beforeAll(async () => {
    audited = await startTestServices();
  });

  it('each run writes one record, under who ran it, with the counts and keys of what was added, changed and removed', async () => {
    const [uno, dos, tres] = [providerFixture('Uno'), providerFixture('Dos'), providerFixture('Tres')];
    await audited.directoryImport.importFiles(
      { providers: providersCsv([uno!, dos!]), delegates: delegatesCsv([uno!, dos!]) },
      { actor: 'operadora@minsalud.gov.co' },
    );
    const renamed = { ...uno!, name: `${uno!.name} Renombrada` };
    await audited.directoryImport.importFiles(
      { providers: providersCsv([renamed, dos!, tres!]), delegates: delegatesCsv([dos!, tres!]) },
      { actor: 'operador@minsalud.gov.co' },
    );

    const [second, first] = await imports();
    expect(first).toMatchObject({ actor: 'operadora@minsalud.gov.co', detail: { 'prestadores.nuevos': 2, 'delegados.nuevos': 2 } });
    expect(second!.actor).toBe('operador@minsalud.gov.co');
    expect(second!.detail).toMatchObject({
      'prestadores.importado': true,
      'prestadores.nuevos': 1,
      'prestadores.actualizados': 1,
      'prestadores.sinCambios': 1,
      'prestadores.nuevosClaves': tres!.nit,
      'prestadores.actualizadosClaves': renamed.nit,
      'delegados.nuevos': 1,
      'delegados.retirados': 1,
      'delegados.retiradosClaves': `${uno!.nit}/CC-${uno!.delegate.idNumber}`,
    });
  });

  it('a refused file is recorded as not imported; a long list keeps its count and the first keys', async () => {
    await audited.directoryImport.importFiles({
      officers: 'tipo_identificacion,numero_identificacion,nombres,apellidos,correo\nXX,1,A,B,c@d.example',
    });
    expect((await imports())[0]!.detail).toEqual({ 'funcionarios.importado': false, 'funcionarios.lineasConError': 1 });

    const many = Array.from({ length: LISTED_KEYS + 5 }, () => officerFixture());
    await audited.directoryImport.importFiles({ officers: officersCsv(many) });
    const detail = (await imports())[0]!.detail!;
    expect(detail['funcionarios.nuevos']).toBe(LISTED_KEYS + 5);
    const listed = String(detail['funcionarios.nuevosClaves']);
    expect(listed.endsWith(' …(+5)')).toBe(true);
    expect(listed.split(' ')).toHaveLength(LISTED_KEYS + 1);
  });

  it('the npm script names the --actor in the record', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ihce-import-'));
    const file = path.join(dir, 'funcionarios.csv');
    await writeFile(file, officersCsv([officerFixture()]));
    const env = { ...process.env, ...testEnv({ STORAGE_PREFIX: 'climportaud' }) };
    await promisify(execFile)(
      path.resolve('node_modules/.bin/tsx'),
      ['scripts/directory-import.ts', '--officers', file, '--actor', 'jefe@minsalud.gov.co'],
      { env },
    );
    const log = createAuditTableLog(createStorage(loadConfig(testEnv({ STORAGE_PREFIX: 'climportaud' }))), systemClock);
    const [record] = await log.list(DIRECTORY_IMPORT_SUBJECT);
    expect(record).toMatchObject({ actor: 'jefe@minsalud.gov.co', detail: { 'funcionarios.nuevos': 1 } });
  });
});
