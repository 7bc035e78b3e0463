import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActions, type AuditAction } from '../../src/audit/audit-actions';
import { auditSentences, describeAudit } from '../../src/audit/audit-sentences';

/** A record of each action as the code writes it: every detail key it may carry, with values of the real shape. */
const samples: Record<AuditAction, Record<string, string | number | boolean>> = {
  'solicitud.creada': {
    requestId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    radicado: 'IHCE-2026-000123',
    kind: 'first',
    termsVersion: '2026-01',
    personalDataVersion: '2026-01',
  },
  'llaves.asignadas-automaticamente': {
    ambiente: 'preproduction',
    clientIdPreproduccion: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    vencePreproduccion: '2027-06-30',
    origenPreproduccion: 'Entra ID',
    tipoDeLlavePreproduccion: 'certificado',
    requestId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    produccion: 'pendiente de revisión de un funcionario',
  },
  'tablero.exportado': { lista: 'pendientes', filas: 12 },
  'certificado.cargado': {
    ambiente: 'production',
    sujeto: 'CN=his.ips-ejemplo.example',
    huellaSha1: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678',
    huellaSha256: 'ab'.repeat(32),
    venceEl: '2027-11-28T00:00:00.000Z',
    registro: 'entra',
  },
  'certificado.reemplazado': {
    ambiente: 'production',
    sujeto: 'CN=his.ips-ejemplo.example',
    huellaSha1: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678',
    huellaSha256: 'ab'.repeat(32),
    venceEl: '2027-11-28T00:00:00.000Z',
    registro: 'pending',
    anteriorSha1: '0000C3D4E5F60718293A4B5C6D7E8F9012345678',
  },
  'certificado.registrado-a-mano': { ambiente: 'preproduction', huellaSha1: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678' },
  'certificado.restaurado': {
    ambiente: 'preproduction',
    retiradoSha1: 'F1E2D3C4B5A6978877665544332211009988AABB',
    huellaSha1: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678',
    registro: 'entra',
    anteriorSha1: '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567',
  },
  'certificado.enlace-creado': { ambiente: 'preproduction', venceEl: '2026-12-01T15:00:00.000Z' },
  'llaves.probadas': { ambiente: 'Producción', resultado: 'funcionan', minutos: 59, roles: 'IHCE.Clinico.Lectura' },
  'llaves.verificadas': {
    ambiente: 'Preproducción',
    clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    resultado: 'fallan',
    codigo: 'AADSTS700016',
  },
  'solicitud.rechazada': { requestId: '0f8fad5b-d9cb-469f-a165-70867728950e', motivo: 'El NIT no coincide con el RUT' },
  'llaves.asignadas': {
    clientIdPreproduccion: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    clientIdProduccion: '6ba7b810-9dad-41d1-80b4-00c04fd430c8',
    vencePreproduccion: '2027-06-30',
    venceProduccion: '2028-06-30',
    secretoPreproduccionNuevo: true,
    secretoProduccionNuevo: false,
    origenPreproduccion: 'manual',
    origenProduccion: 'Entra ID',
    tipoDeLlaveProduccion: 'certificado',
    requestId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  },
  'llaves.actualizadas': {
    clientIdPreproduccion: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    clientIdProduccion: '6ba7b810-9dad-41d1-80b4-00c04fd430c8',
    vencePreproduccion: '2027-06-30',
    venceProduccion: '2028-06-30',
    secretoPreproduccionNuevo: false,
    secretoProduccionNuevo: true,
    origenPreproduccion: 'manual',
    origenProduccion: 'manual',
    anteriorValidoHasta: '2026-12-02T20:00:00.000Z',
    motivoActualizacion: 'El endpoint de producción era el de preproducción',
  },
  'secreto.revelado': {
    ambiente: 'production',
    versionSecreto: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    motivo: 'Verificar la configuración',
    anterior: true,
  },
  'configuracion.descargada': { ambiente: 'preproduction', versionSecreto: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' },
  'secreto.segundo-factor-requerido': { ambiente: 'production', accion: 'configuracion.descargada', anterior: true },
  'secreto.retirado': {
    ambiente: 'production',
    versionSecreto: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    clientId: '6ba7b810-9dad-41d1-80b4-00c04fd430c8',
    retiradoDeEntraId: 'no (registrado a mano: retírelo en el portal de Entra ID)',
  },
  'permiso-api.concedido': { ambiente: 'Producción', clientId: '6ba7b810-9dad-41d1-80b4-00c04fd430c8' },
  'acceso.no-encontrado': { recurso: 'solicitud 0f8fad5b-d9cb-469f-a165-70867728950e' },
  'cuenta.registrada': { consentVersion: '2026-01' },
  'cuenta.enlace-reenviado': { consentVersion: '2026-01' },
  'cuenta.activada': {},
  'contrasena.restablecimiento-solicitado': {},
  'contrasena.restablecida': {},
  'usuario.recordatorio-solicitado': {},
  'ingreso.exitoso': { navegador: 'Mozilla/5.0 (X11; Linux x86_64)' },
  'ingreso.contrasena-verificada': { navegador: 'Mozilla/5.0 (X11; Linux x86_64)' },
  'ingreso.fallido': { motivo: 'contrasena-incorrecta', fallosSeguidos: 2 },
  'ingreso.en-espera': {},
  'ingreso.entra': { amr: 'pwd mfa', tid: '00000000-0000-4000-8000-000000000003', oid: '00000000-0000-4000-8000-000000000009' },
  'ingreso.entra.rechazado': { motivo: 'otra-cuenta-vinculada', tid: '00000000-0000-4000-8000-000000000003' },
  salida: {},
  'sesion.reemplazada': {},
  'sesiones.cerradas-todas': {},
  'segundo-factor.totp-iniciado': {},
  'segundo-factor.inscrito': { metodo: 'passkey' },
  'segundo-factor.verificado': { metodo: 'totp' },
  'segundo-factor.fallido': { metodo: 'totp' },
  'segundo-factor.limitado': {},
  'segundo-factor.restablecido': { motivo: 'Perdió el teléfono' },
  'revelaciones.bloqueadas': { prestadores: 6, limite: 5 },
  'revelaciones.desbloqueadas': { bloqueadoEl: '2026-11-27T21:15:00.000Z', prestadores: 6 },
  'directorio.importado': {
    'prestadores.importado': true,
    'prestadores.filas': 3,
    'prestadores.nuevos': 1,
    'prestadores.actualizados': 2,
    'prestadores.retirados': 0,
    'prestadores.nuevosClaves': '900123456',
    'delegados.importado': false,
    'delegados.lineasConError': 1,
  },
  'directorio.importacion-fallida': { intentos: 5, filasEscritas: 2, iniciadaEl: '2026-11-28T21:30:00.000Z' },
};

/** What a sentence never carries: a GUID or secret version, an ISO date, a boolean, a code with a dot or hyphen. */
const RAW = [
  /[0-9a-f]{8}-[0-9a-f]{4}-/i,
  /[0-9a-f]{32}/i,
  /\d{4}-\d{2}-\d{2}/,
  /\b(true|false)\b/,
  /\b[a-z]+[.-][a-z]+[.-]?[a-z]*\b/,
  /Mozilla/,
];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });

describe('«Trazabilidad» in Spanish sentences', () => {
  it('every audit action has its sentence (a new action without one fails here)', () => {
    expect(Object.keys(auditSentences).sort()).toEqual([...auditActions].sort());
    expect(Object.keys(samples).sort()).toEqual([...auditActions].sort());
  });

  it("every action the code records is listed: each `action: '…'` of src/ is in auditActions", () => {
    const root = path.resolve(__dirname, '../../src');
    const written = sourceFiles(root)
      .filter((file) => !file.includes(`${path.sep}adapters${path.sep}`))
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/action: '([a-z][a-z.-]+)'/g)].map((m) => m[1]!));
    expect(written.length).toBeGreaterThan(15);
    for (const action of written) expect(auditActions, action).toContain(action);
  });

  it.each([...auditActions])('%s: one Spanish sentence, one full stop, no raw key, id, boolean, code or ISO date', (action) => {
    const said = describeAudit({ action, detail: samples[action] });
    expect(said).toMatch(/^[A-ZÁÉÍÓÚÑ¿«]/);
    expect(said).toMatch(/[^.]\.$|p\. m\.$|a\. m\.$/);
    expect(said).not.toMatch(/\.\.$/);
    for (const pattern of RAW) expect(said, `${action}: ${pattern}`).not.toMatch(pattern);
  });

  it('keys assigned: environments, local expiry dates, the new secret and until when the previous one works', () => {
    expect(describeAudit({ action: 'llaves.actualizadas', detail: samples['llaves.actualizadas'] })).toBe(
      'Se actualizaron las llaves de Preproducción y Producción; Preproducción vence el 30 de junio de 2027 y Producción vence el 30 de junio de 2028; ClientSecret nuevo en Producción; el ClientSecret anterior sigue válido hasta el 2 de diciembre de 2026, 3:00 p. m. Motivo de la actualización: El endpoint de producción era el de preproducción.',
    );
  });

  it('certificate-only keys: no new ClientSecret is said, the certificate is (issue 17, certfollow)', () => {
    const said = describeAudit({ action: 'llaves.asignadas', detail: samples['llaves.asignadas'] });
    expect(said).toBe(
      'Se asignaron las llaves de Preproducción y Producción; Preproducción vence el 30 de junio de 2027 y Producción vence el 30 de junio de 2028; ClientSecret nuevo en Preproducción; Producción se autentica con certificado, sin ClientSecret; generadas en Microsoft Entra ID: Producción.',
    );
    expect(describeAudit({ action: 'llaves.asignadas-automaticamente', detail: samples['llaves.asignadas-automaticamente'] })).toContain(
      'las llaves de Preproducción, que vencen el 30 de junio de 2027 (solo la aplicación: se autentica con certificado, sin ClientSecret);',
    );
  });

  it('a restore after a lost upload says what left the application and what stays (certrace, certfollow)', () => {
    expect(describeAudit({ action: 'certificado.restaurado', detail: samples['certificado.restaurado'] })).toBe(
      'Otra carga de certificado de Preproducción terminó primero: se retiró de la aplicación en Microsoft Entra ID el certificado de la carga perdedora (huella SHA-1 terminada en 9988AABB) y queda el registrado (huella SHA-1 terminada en 12345678), con el anterior (terminada en 01234567).',
    );
  });

  it('a previous secret revoked at once is not said to keep working', () => {
    const said = describeAudit({
      action: 'llaves.actualizadas',
      detail: { ...samples['llaves.actualizadas'], anteriorRevocado: 'production', motivoActualizacion: '' },
    });
    expect(said).toContain('el ClientSecret anterior de Producción se revocó de inmediato');
    expect(said).not.toContain('sigue válido');
  });

  it('plurals: one provider, one failure, one line with errors', () => {
    expect(describeAudit({ action: 'revelaciones.bloqueadas', detail: { prestadores: 1, limite: 1 } })).toContain('de 1 prestador en');
    expect(describeAudit({ action: 'ingreso.fallido', detail: { motivo: 'contrasena-incorrecta', fallosSeguidos: 1 } })).toContain(
      '(1 fallo seguido)',
    );
    expect(describeAudit({ action: 'directorio.importado', detail: samples['directorio.importado'] })).toBe(
      'Se importó el directorio del Ministerio. prestadores: 1 nuevo, 2 actualizados y 0 retirados y delegados: no se cargó (1 línea con error).',
    );
  });

  it('a web import whose message was poisoned says when it started, how many tries and what it had written', () => {
    expect(describeAudit({ action: 'directorio.importacion-fallida', detail: samples['directorio.importacion-fallida'] })).toMatch(
      /^La importación del directorio iniciada el 28 de noviembre de 2026.* se detuvo tras 5 intentos fallidos y se cerró como fallida: alcanzó a escribir 2 filas\. Se avisó por correo a quien la inició\.$/,
    );
    expect(describeAudit({ action: 'directorio.importacion-fallida', detail: { intentos: 0, filasEscritas: 0 } })).toBe(
      'La importación del directorio se detuvo sin llegar a empezar y se cerró como fallida: no alcanzó a escribir nada. Se avisó por correo a quien la inició.',
    );
  });

  it('a row of an action no longer listed says so without its code', () => {
    expect(describeAudit({ action: 'accion.antigua', detail: { x: true } })).toBe('Evento del sistema.');
  });
});
