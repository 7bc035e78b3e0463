import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { buildServices } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { DIRECTORY_IMPORT_SUBJECT } from '../../src/directory/import-audit';
import { officerFixture, providerFixture } from '../support/directory-fixtures';
import { startTestServices, testEnv } from '../support/test-app';

/** The files as the ministry has them: built here, byte by byte, in the encodings Excel and REPS write. */
const win1252 = (lines: string[]) => iconv.encode(lines.join('\r\n') + '\r\n', 'win1252');
const utf8Bom = (lines: string[]) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);

async function stored(services: Awaited<ReturnType<typeof startTestServices>>) {
  const [providers, delegates, officers] = await Promise.all([
    services.directory.listProviders(),
    services.directory.listDelegates(),
    services.directory.listOfficers(),
  ]);
  return { providers, delegates, officers };
}

describe('directory files as they really arrive', () => {
  it('semicolons and Windows-1252 (Excel in Colombia): «Ñ» and «é» arrive intact', async () => {
    const services = await startTestServices();
    const p = providerFixture();
    const reports = await services.directoryImport.importFiles({
      providers: win1252([
        'nit;razon_social;codigo_habilitacion;departamento;municipio;correo',
        `${p.nit};Clínica Peña Ñuñoa S.A.S.;${p.habilitationCode};Bogotá D.C.;Bogotá D.C.;contacto@pena.example`,
      ]),
      delegates: win1252([
        'nit;tipo_identificacion;numero_identificacion;nombres;apellidos;correo',
        `${p.nit};CC;${p.delegate.idNumber};José Íñigo;Muñoz Pérez;jose@pena.example`,
      ]),
    });
    expect(reports.map((r) => [r.kind, r.imported, r.created, r.errors])).toEqual([
      ['providers', true, 1, []],
      ['delegates', true, 1, []],
    ]);
    expect(await services.directory.getProvider(p.nit)).toMatchObject({
      name: 'Clínica Peña Ñuñoa S.A.S.',
      sites: [{ department: 'Bogotá D.C.' }],
    });
    expect(await services.directory.getDelegate(p.nit, p.delegate)).toMatchObject({ firstNames: 'José Íñigo', lastNames: 'Muñoz Pérez' });
  });

  it('UTF-8 with BOM: the BOM is not part of the first column name', async () => {
    const services = await startTestServices();
    const o = officerFixture();
    const [report] = await services.directoryImport.importFiles({
      officers: utf8Bom(['tipo_identificacion,numero_identificacion,nombres,apellidos,correo', `CC,${o.idNumber},Sofía,Núñez,${o.email}`]),
    });
    expect(report).toMatchObject({ imported: true, created: 1, errors: [] });
    expect(await services.directory.getOfficer(o)).toMatchObject({ firstNames: 'Sofía', lastNames: 'Núñez' });
  });

  it('commas with quoted fields holding «;», quotes and line breaks; the line numbers stay the file’s', async () => {
    const services = await startTestServices();
    const [uno, dos] = [providerFixture(), providerFixture()];
    const csv = [
      'nit,razon_social,codigo_habilitacion,departamento,municipio,correo',
      `${uno.nit},"IPS Uno; Sede ""Norte""",${uno.habilitationCode},Antioquia,Medellín,uno@ips.example`,
      `${dos.nit},"Clínica Dos`,
      `Sede Centro",${dos.habilitationCode},Antioquia,"Medellín, Comuna 10",dos@ips.example`,
      `${dos.nit},Clínica Dos,123,Antioquia,Medellín,dos@ips.example`,
    ];
    const [bad] = await services.directoryImport.importFiles({ providers: Buffer.from(csv.join('\n')) });
    expect(bad!.errors).toEqual([
      { line: 5, field: 'codigo_habilitacion', message: expect.stringContaining('codigo_habilitacion: el código de habilitación') },
    ]);

    const [good] = await services.directoryImport.importFiles({ providers: Buffer.from(csv.slice(0, 4).join('\r\n')) });
    expect(good).toMatchObject({ imported: true, rows: 2, errors: [] });
    expect((await services.directory.getProvider(uno.nit))!.name).toBe('IPS Uno; Sede "Norte"');
    expect(await services.directory.getProvider(dos.nit)).toMatchObject({
      name: 'Clínica Dos Sede Centro',
      sites: [{ municipality: 'Medellín, Comuna 10' }],
    });
  });

  it('a REPS «Prestadores» export: its column names, its extra columns, and a code whose leading zero Excel dropped', async () => {
    const services = await startTestServices();
    const p = providerFixture();
    const code = `5001${p.habilitationCode.slice(4)}`; // 05001… (Medellín) as Excel shows it: 9 digits
    const [report] = await services.directoryImport.importFiles({
      providers: win1252([
        'depa_nombre;muni_nombre;codigo_habilitacion;nombre_prestador;nits_nit;razon_social;clpr_nombre;direccion;telefono;email;habilitado',
        `Antioquia;Medellín;${code.slice(0, 9)};CLÍNICA REPS;${p.nit};Clínica REPS S.A.S.;Instituciones - IPS;Cra 1 # 2-3;6040000;reps@ips.example;SI`,
      ]),
    });
    expect(report).toMatchObject({ imported: true, created: 1, errors: [] });
    expect(await services.directory.getProvider(p.nit)).toEqual({
      nit: p.nit,
      name: 'Clínica REPS S.A.S.',
      sites: [{ habilitationCode: `0${code.slice(0, 9)}`, department: 'Antioquia', municipality: 'Medellín', email: 'reps@ips.example' }],
    });
  });

  it('three bad lines of different kinds are all reported with their lines, and nothing of the run is stored', async () => {
    const services = await startTestServices();
    const [uno, dos, tres] = [providerFixture(), providerFixture(), providerFixture()];
    const officer = officerFixture();
    const reports = await services.directoryImport.importFiles({
      providers: win1252([
        'nit;razon_social;codigo_habilitacion;departamento;municipio;correo',
        ...[uno, dos, tres].map((p) => `${p.nit};${p.name};${p.habilitationCode};Boyacá;Tunja;c@ips.example`),
      ]),
      delegates: win1252([
        'nit;tipo_identificacion;numero_identificacion;nombres;apellidos;correo',
        `${uno.nit};CC;${uno.delegate.idNumber};"María`,
        `José";Peña;uno@ips.example`,
        `${dos.nit};CC;${dos.delegate.idNumber};Ana;Gómez;dos@ips.example;sobra`,
        `${tres.nit};ZZ;${tres.delegate.idNumber};Luis;Ñáñez;tres@ips.example`,
        `${tres.nit};CC;${uno.delegate.idNumber};Luis;Ñáñez;no-es-correo`,
      ]),
      officers: `tipo_identificacion,numero_identificacion,nombres,apellidos,correo\nCC,${officer.idNumber},Julián,Pérez,${officer.email}`,
    });
    const delegates = reports.find((r) => r.kind === 'delegates')!;
    expect(delegates.errors).toEqual([
      { line: 4, message: expect.stringContaining('la fila tiene 7 columnas y el encabezado 6') },
      {
        line: 5,
        field: 'tipo_identificacion',
        message: expect.stringContaining('tipo_identificacion: «ZZ» no es un tipo de identificación; use uno de CC, CE'),
      },
      { line: 6, field: 'correo', message: expect.stringContaining('correo: el correo no es una dirección válida') },
    ]);
    expect(reports.map((r) => [r.kind, r.imported, r.errors.length])).toEqual([
      ['providers', false, 0],
      ['delegates', false, 3],
      ['officers', false, 0],
    ]);
    expect(await stored(services)).toEqual({ providers: [], delegates: [], officers: [] });
    const [record] = await services.audit.list(DIRECTORY_IMPORT_SUBJECT);
    expect(record!.detail).toEqual({
      'prestadores.importado': false,
      'prestadores.lineasConError': 0,
      'delegados.importado': false,
      'delegados.lineasConError': 3,
      'funcionarios.importado': false,
      'funcionarios.lineasConError': 0,
    });
  });

  it('the npm script reads the bytes of a semicolon Windows-1252 file; a bad file beside it holds the good one back', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ihce-formats-'));
    const env = testEnv({ STORAGE_PREFIX: `clfmt${Date.now() % 1_000_000}` });
    const o = officerFixture();
    const officers = path.join(dir, 'funcionarios.csv');
    await writeFile(
      officers,
      win1252(['tipo_identificacion;numero_identificacion;nombres;apellidos;correo', `CC;${o.idNumber};Begoña;Ibáñez;${o.email}`]),
    );
    const providers = path.join(dir, 'prestadores.csv');
    await writeFile(providers, win1252(['nits_nit;razon_social', '900000001;IPS']));

    const run = (args: string[]) =>
      promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['scripts/directory-import.ts', ...args], {
        env: { ...process.env, ...env },
      });
    const failure = await run(['--providers', providers, '--officers', officers]).catch((error) => error);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('línea 1: faltan columnas en el encabezado: codigo_habilitacion; departamento (o depa_nombre)');
    expect(failure.stderr).toContain('Funcionarios: NO se importó: este archivo está bien, pero otro archivo de la carga tiene errores.');

    const success = await run(['--officers', officers]);
    expect(success.stdout).toContain('Funcionarios: 1 fila(s) leídas; 1 nuevos');
    const services = await buildServices(loadConfig(env), { log: () => {} });
    expect(await services.directory.getOfficer(o)).toMatchObject({ firstNames: 'Begoña', lastNames: 'Ibáñez' });
  });
});
