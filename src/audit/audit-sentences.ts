import { formatBogotaDate, formatBogotaDay, sentence } from '../kernel/bogota-date';
import type { AuditAction } from './audit-actions';
import type { AuditRecord } from './audit.repository';

type Detail = Record<string, string | number | boolean>;

const environments: Record<string, string> = {
  preproduction: 'Preproducción',
  production: 'Producción',
  Preproducción: 'Preproducción',
  Producción: 'Producción',
};
/** «Producción», from `production` or an already Spanish label; never the raw code. */
const env = (value: unknown) => environments[String(value)] ?? 'un ambiente';
const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
/** A calendar day (AAAA-MM-DD) or an instant, as people in Colombia read it. */
const when = (value: unknown) => {
  const raw = text(value);
  if (!raw) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return formatBogotaDay(raw);
  return Number.isNaN(Date.parse(raw)) ? undefined : formatBogotaDate(raw);
};
/** A typed-in reason, word for word (its own closing stop, if any, ends the sentence: no «..»). */
const motive = (detail: Detail, key = 'motivo') => {
  const reason = text(detail[key]);
  return reason ? ` Motivo: ${reason}` : '';
};
const methods: Record<string, string> = { totp: 'aplicación de autenticación', passkey: 'llave de acceso' };
const method = (detail: Detail) => methods[String(detail.metodo)] ?? 'segundo factor';
const joined = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} y ${items.at(-1)}`);
const count = (n: unknown, one: string, many: string) => `${Number(n)} ${Number(n) === 1 ? one : many}`;

/** «Se asignaron llaves de Preproducción y Producción; …»: what an official's «Guardar» changed, in words. */
function assignment(verb: string, detail: Detail): string {
  const both = [
    {
      name: 'Preproducción',
      expires: detail.vencePreproduccion,
      fresh: detail.secretoPreproduccionNuevo,
      origin: detail.origenPreproduccion,
      certificate: detail.tipoDeLlavePreproduccion === 'certificado',
    },
    {
      name: 'Producción',
      expires: detail.venceProduccion,
      fresh: detail.secretoProduccionNuevo,
      origin: detail.origenProduccion,
      certificate: detail.tipoDeLlaveProduccion === 'certificado',
    },
  ];
  const parts = [`${verb} las llaves de Preproducción y Producción`];
  const expiries = both.filter((e) => when(e.expires)).map((e) => `${e.name} vence el ${when(e.expires)}`);
  if (expiries.length) parts.push(joined(expiries));
  const fresh = both.filter((e) => e.fresh === true);
  if (fresh.length) parts.push(`ClientSecret nuevo en ${joined(fresh.map((e) => e.name))}`);
  const certificates = both.filter((e) => e.certificate).map((e) => e.name);
  if (certificates.length)
    parts.push(`${joined(certificates)} ${certificates.length === 1 ? 'se autentica' : 'se autentican'} con certificado, sin ClientSecret`);
  const generated = both.filter((e) => e.origin === 'Entra ID').map((e) => e.name);
  if (generated.length) parts.push(`generadas en Microsoft Entra ID: ${joined(generated)}`);
  const revoked = String(detail.anteriorRevocado ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item in environments)
    .map(env);
  if (revoked.length) parts.push(`el ClientSecret anterior de ${joined(revoked)} se revocó de inmediato`);
  // A certificate-only environment's replaced secret keeps its overlap too.
  const kept = both.filter((e) => (e.fresh === true || e.certificate) && !revoked.includes(e.name));
  if (when(detail.anteriorValidoHasta) && kept.length) {
    parts.push(`el ClientSecret anterior sigue válido hasta el ${when(detail.anteriorValidoHasta)}`);
  }
  const verification = [
    { name: 'Preproducción', value: detail.verificacionPreproduccion },
    { name: 'Producción', value: detail.verificacionProduccion },
  ];
  const confirmed = verification.filter((e) => e.value === 'failed-confirmed').map((e) => e.name);
  if (confirmed.length)
    parts.push(`se guardaron aunque «Verificar llaves» falló en ${joined(confirmed)}, con la confirmación del funcionario`);
  const passed = verification.filter((e) => e.value === 'passed').map((e) => e.name);
  if (passed.length) parts.push(`«Verificar llaves» las comprobó en ${joined(passed)}`);
  return `${sentence(parts.join('; '))}${motive(detail, 'motivoActualizacion').replace('Motivo:', 'Motivo de la actualización:')}`;
}

/** The end of a thumbprint: enough to tell certificates apart in the trail (the whole one is on the certificate's panel). */
const tail = (value: unknown) => (text(value) ?? '').slice(-8) || 'sin dato';

/** A certificate as the trail names it: the SHA-1 thumbprint (what Entra ID shows), end of validity, where it went. */
function certificate(detail: Detail): string {
  const parts = text(detail.huellaSha1) ? `huella SHA-1 terminada en ${tail(detail.huellaSha1)}` : '';
  const until = when(detail.venceEl) ? `, válido hasta el ${when(detail.venceEl)}` : '';
  const where =
    detail.registro === 'entra'
      ? '; quedó en la aplicación de Microsoft Entra ID'
      : detail.registro === 'pending'
        ? '; falta registrarlo en Microsoft Entra ID'
        : '';
  return `${parts ? ` (${parts})` : ''}${until}${where}`;
}

/** The outcome of «Probar llaves» / «Verificar llaves»: never the token, only its lifetime or Entra's code. */
function keyCheck(detail: Detail): string {
  if (detail.resultado === 'funcionan') return `funcionan (el token duraba ${count(detail.minutos, 'minuto', 'minutos')})`;
  const code = text(detail.codigo);
  return code && code !== 'sin-codigo' ? `no funcionan (Microsoft Entra ID respondió ${code})` : 'no funcionan';
}

/** Each run of the directory import: per registry, what changed or how many lines were wrong. */
function directoryImport(detail: Detail): string {
  const registries = (['prestadores', 'delegados', 'funcionarios'] as const)
    .filter((label) => `${label}.importado` in detail)
    .map((label) =>
      detail[`${label}.importado`] === true
        ? `${label}: ${count(detail[`${label}.nuevos`], 'nuevo', 'nuevos')}, ${count(detail[`${label}.actualizados`], 'actualizado', 'actualizados')} y ${count(detail[`${label}.retirados`], 'retirado', 'retirados')}`
        : `${label}: no se cargó (${count(detail[`${label}.lineasConError`], 'línea con error', 'líneas con error')})`,
    );
  const head = detail.interrumpida === true ? 'La importación del directorio se interrumpió' : 'Se importó el directorio del Ministerio';
  return `${head}${registries.length ? `. ${joined(registries)}` : ''}.`;
}

/** A web import whose every try failed (its message poisoned): closed as failed, with what it had written. */
function directoryImportFailed(detail: Detail): string {
  const started = when(detail.iniciadaEl);
  const tries =
    Number(detail.intentos) > 0 ? `tras ${count(detail.intentos, 'intento fallido', 'intentos fallidos')}` : 'sin llegar a empezar';
  const written =
    Number(detail.filasEscritas) > 0 ? `alcanzó a escribir ${count(detail.filasEscritas, 'fila', 'filas')}` : 'no alcanzó a escribir nada';
  return `La importación del directorio${started ? ` iniciada el ${started}` : ''} se detuvo ${tries} y se cerró como fallida: ${written}. Se avisó por correo a quien la inició.`;
}

/** What a person who tried to open something that does not exist was after, without its id. */
const missing = (detail: Detail) => {
  const resource = String(detail.recurso ?? '');
  if (resource.startsWith('llaves ')) return `las llaves de ${env(resource.slice(7))}, que su entidad aún no tiene`;
  if (resource.startsWith('solicitud ')) return 'una solicitud que no existe';
  return 'un recurso que no existe';
};

const failedSignIn: Record<string, string> = {
  'usuario-inexistente': 'el usuario no existe',
  'cuenta-no-activa': 'la cuenta no está activa',
  'contrasena-incorrecta': 'la contraseña es incorrecta',
  'fuera-del-directorio': 'la persona ya no está en el directorio del Ministerio',
};

/**
 * One sentence per audit action, in Spanish, with local dates: what «Trazabilidad» shows. Never a key, a
 * secret's version, an internal id, a boolean or an ISO timestamp (tests/unit/audit-sentences.test.ts).
 */
export const auditSentences: Record<AuditAction, (detail: Detail) => string> = {
  'solicitud.creada': (d) =>
    `Se registró la solicitud${text(d.radicado) ? ` ${text(d.radicado)}` : ''} (${d.kind === 'renewal' ? 'Resolicitud Token' : 'Inscripción Token'}), con la aceptación de los términos y la autorización de datos personales.`,
  'solicitud.rechazada': (d) => `Se rechazó la solicitud.${motive(d)}`,
  'llaves.asignadas': (d) => assignment('Se asignaron', d),
  'llaves.actualizadas': (d) => assignment('Se actualizaron', d),
  'llaves.probadas': (d) => `El delegado probó las llaves de ${env(d.ambiente)}: ${keyCheck(d)}.`,
  'llaves.verificadas': (d) => `Un funcionario verificó antes de guardar las llaves escritas para ${env(d.ambiente)}: ${keyCheck(d)}.`,
  'certificado.cargado': (d) => `Se cargó un certificado para ${env(d.ambiente)}${certificate(d)}`,
  'certificado.reemplazado': (d) =>
    `Se reemplazó el certificado de ${env(d.ambiente)}${certificate(d)}${text(d.anteriorSha1) ? `; el anterior (huella SHA-1 terminada en ${tail(d.anteriorSha1)}) sigue en la aplicación hasta el próximo cambio` : ''}`,
  'certificado.registrado-a-mano': (d) =>
    `Un funcionario registró a mano en Microsoft Entra ID el certificado de ${env(d.ambiente)} (huella SHA-1 terminada en ${tail(d.huellaSha1)}).`,
  'certificado.restaurado': (d) =>
    `Otra carga de certificado de ${env(d.ambiente)} terminó primero: se retiró de la aplicación en Microsoft Entra ID el certificado de la carga perdedora (huella SHA-1 terminada en ${tail(d.retiradoSha1)})${text(d.huellaSha1) ? ` y queda el registrado (huella SHA-1 terminada en ${tail(d.huellaSha1)})` : ''}${text(d.anteriorSha1) ? `, con el anterior (terminada en ${tail(d.anteriorSha1)})` : ''}.`,
  'certificado.enlace-creado': (d) =>
    `Se creó un enlace de un solo uso para que el proveedor de software cargue el certificado de ${env(d.ambiente)}${when(d.venceEl) ? `; vence el ${when(d.venceEl)}` : ''}`,
  'llaves.asignadas-automaticamente': (d) =>
    `Se generaron automáticamente en Microsoft Entra ID las llaves de Preproducción${when(d.vencePreproduccion) ? `, que vencen el ${when(d.vencePreproduccion)}` : ''}${d.tipoDeLlavePreproduccion === 'certificado' ? ' (solo la aplicación: se autentica con certificado, sin ClientSecret)' : ''}; Producción sigue pendiente de revisión de un funcionario.`,
  'secreto.revelado': (d) => `Se mostró el ClientSecret ${d.anterior === true ? 'anterior' : 'vigente'} de ${env(d.ambiente)}.${motive(d)}`,
  'configuracion.descargada': (d) => `Se descargó el archivo de configuración de ${env(d.ambiente)}, con el ClientSecret.`,
  'secreto.segundo-factor-requerido': (d) =>
    `Se pidió el segundo factor antes de ${d.accion === 'configuracion.descargada' ? 'descargar la configuración' : `mostrar el ClientSecret${d.anterior === true ? ' anterior' : ''}`} de ${env(d.ambiente)}.`,
  'secreto.retirado': (d) =>
    `Se retiró el ClientSecret anterior de ${env(d.ambiente)} al terminar su periodo de transición${String(d.retiradoDeEntraId).startsWith('sí') ? '; también se eliminó de Microsoft Entra ID' : '; como se registró a mano, hay que eliminarlo en el portal de Microsoft Entra ID'}.`,
  'permiso-api.concedido': (d) =>
    `El administrador de Microsoft Entra ID concedió a la aplicación de ${env(d.ambiente)} el permiso de la API de IHCE.`,
  'acceso.no-encontrado': (d) => `Se intentó abrir ${missing(d)}.`,
  'cuenta.registrada': () => 'Se registró la cuenta, con la aceptación del acuerdo de confidencialidad.',
  'cuenta.enlace-reenviado': () => 'Se pidió de nuevo el enlace de activación de la cuenta.',
  'cuenta.activada': () => 'Se activó la cuenta y se definió la contraseña.',
  'contrasena.restablecimiento-solicitado': () => 'Se pidió restablecer la contraseña («¿Olvidó su contraseña?»).',
  'contrasena.restablecida': () => 'Se restableció la contraseña; se cerraron las sesiones abiertas.',
  'usuario.recordatorio-solicitado': () => 'Se pidió recordar el usuario por correo («¿Olvidó su usuario?»).',
  'ingreso.exitoso': () => 'Ingresó al sistema.',
  'ingreso.contrasena-verificada': () => 'Ingresó la contraseña correcta; falta el segundo factor.',
  'ingreso.fallido': (d) =>
    `Intento de ingreso fallido: ${failedSignIn[String(d.motivo)] ?? 'los datos no corresponden'}${typeof d.fallosSeguidos === 'number' ? ` (${count(d.fallosSeguidos, 'fallo seguido', 'fallos seguidos')})` : ''}.`,
  'ingreso.en-espera': () => 'Intento de ingreso durante la espera que siguió a varios fallos.',
  'ingreso.entra': () => 'Ingresó con la cuenta institucional (Microsoft Entra ID), con segundo factor.',
  'ingreso.entra.rechazado': () => 'Se rechazó un ingreso con la cuenta institucional (Microsoft Entra ID).',
  salida: () => 'Cerró la sesión.',
  'sesion.reemplazada': () => 'Se cerró la sesión anterior al ingresar de nuevo en el mismo navegador.',
  'sesiones.cerradas-todas': () => 'Cerró todas sus sesiones.',
  'segundo-factor.totp-iniciado': () => 'Empezó a configurar la aplicación de autenticación.',
  'segundo-factor.inscrito': (d) => `Configuró su segundo factor (${method(d)}).`,
  'segundo-factor.verificado': (d) => `Confirmó su identidad con el segundo factor (${method(d)}).`,
  'segundo-factor.fallido': (d) => `Segundo factor rechazado (${method(d)}).`,
  'segundo-factor.limitado': () => 'Demasiados intentos del segundo factor: se frenaron por un momento.',
  'segundo-factor.restablecido': (d) => `Un funcionario restableció el segundo factor.${motive(d)}`,
  'revelaciones.bloqueadas': (d) =>
    `Se bloqueó la consulta de ClientSecret del funcionario: vio los de ${count(d.prestadores, 'prestador', 'prestadores')} en una hora (límite: ${Number(d.limite)}).`,
  'revelaciones.desbloqueadas': (d) =>
    `Se desbloqueó la consulta de ClientSecret del funcionario${when(d.bloqueadoEl) ? `, bloqueada desde el ${when(d.bloqueadoEl)}` : ''}`, // no full stop: after «p. m.» sentence() adds none
  'tablero.exportado': (d) =>
    `Se exportó del Tablero la lista de ${d.lista === 'llaves' ? 'llaves por prestador' : 'solicitudes pendientes'} (${count(d.filas, 'fila', 'filas')}), sin valores de llaves.`,
  'directorio.importado': directoryImport,
  'directorio.importacion-fallida': directoryImportFailed,
};

/** The sentence of one record; a row whose action is not (or no longer) listed says so without its code. */
export function describeAudit(record: Pick<AuditRecord, 'action' | 'detail'>): string {
  const say = auditSentences[record.action as AuditAction];
  return sentence(say ? say(record.detail ?? {}) : 'Evento del sistema.');
}
