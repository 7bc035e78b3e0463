/**
 * Every kind of audit record. A new action is added here first: the type refuses a record of any other, and
 * «Trazabilidad» (audit-sentences.ts) must then say it as a sentence (tests/unit/audit-sentences.test.ts).
 */
export const auditActions = [
  // A provider's key file (subject `provider:<nit>`): the officials' «Trazabilidad».
  'solicitud.creada',
  'solicitud.rechazada',
  'llaves.asignadas',
  'llaves.actualizadas',
  'llaves.asignadas-automaticamente',
  'llaves.probadas',
  'llaves.verificadas',
  'certificado.cargado',
  'certificado.reemplazado',
  'certificado.registrado-a-mano',
  'certificado.restaurado',
  'certificado.enlace-creado',
  'secreto.revelado',
  'configuracion.descargada',
  'secreto.segundo-factor-requerido',
  'secreto.retirado',
  'permiso-api.concedido',
  'acceso.no-encontrado',
  // A person's account (subject `user:<username>`).
  'cuenta.registrada',
  'cuenta.enlace-reenviado',
  'cuenta.activada',
  'contrasena.restablecimiento-solicitado',
  'contrasena.restablecida',
  'usuario.recordatorio-solicitado',
  'ingreso.exitoso',
  'ingreso.contrasena-verificada',
  'ingreso.fallido',
  'ingreso.en-espera',
  'ingreso.entra',
  'ingreso.entra.rechazado',
  'salida',
  'sesion.reemplazada',
  'sesiones.cerradas-todas',
  'segundo-factor.totp-iniciado',
  'segundo-factor.inscrito',
  'segundo-factor.verificado',
  'segundo-factor.fallido',
  'segundo-factor.limitado',
  'segundo-factor.restablecido',
  'revelaciones.bloqueadas',
  'revelaciones.desbloqueadas',
  // The officials' Tablero (subject `dashboard`): each CSV export.
  'tablero.exportado',
  // Each run of the directory import (subject `directory:import`).
  'directorio.importado',
  // A web import whose queue message ran out of tries (dirimports-poison): closed as failed.
  'directorio.importacion-fallida',
] as const;
export type AuditAction = (typeof auditActions)[number];
