import { AppError } from '../kernel/app-error';

export const wrongCode = () =>
  new AppError(
    'codigo-invalido',
    400,
    'El código de verificación no es válido o ya se usó. Escriba el código que muestra ahora la aplicación de autenticación.',
  );
export const passkeyRefused = () =>
  new AppError('llave-de-acceso-rechazada', 400, 'No se pudo verificar la llave de acceso (passkey). Intente de nuevo o use otra llave.');
export const challengeGone = () =>
  new AppError('desafio-vencido', 400, 'La verificación con la llave de acceso venció. Pulse de nuevo «Usar llave de acceso (passkey)».');
export const alreadyEnrolled = () =>
  new AppError(
    'segundo-factor-ya-configurado',
    409,
    'Su cuenta ya tiene un segundo factor. Si lo perdió, pida a un funcionario del Ministerio que lo restablezca.',
  );
export const noTotp = () =>
  new AppError(
    'sin-aplicacion-de-autenticacion',
    409,
    'Su cuenta no usa una aplicación de autenticación. Use su llave de acceso (passkey).',
  );
