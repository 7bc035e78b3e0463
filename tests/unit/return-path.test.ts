import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '../../web/src/lib/return-path';

describe('the path followed after signing in (open-redirect safe)', () => {
  it.each([
    ['/funcionario/prestadores/900123456', '/funcionario/prestadores/900123456'],
    ['/funcionario/actualizar?filtro=por-vencer', '/funcionario/actualizar?filtro=por-vencer'],
    ['/delegado/resolicitud', '/delegado/resolicitud'],
    ['/', '/'],
    ['/activar/../funcionario/asignar', '/funcionario/asignar'],
    ['/delegado/inscripcion#token=abc', '/delegado/inscripcion'],
  ])('keeps a path of this site: %s', (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });

  it.each([
    '//evil.test',
    '//evil.test/funcionario/asignar',
    '/\\evil.test',
    '/\\/evil.test',
    '\\\\evil.test',
    '/funcionario\\..\\..\\/evil.test',
    'https://evil.test/',
    'http:evil.test',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    ' /funcionario/asignar',
    '/\t/evil.test',
    '/\n/evil.test',
    '/%0a/evil.test'.replace('%0a', '\r'),
    'evil.test',
    'funcionario/asignar',
    '',
    '/ingresar',
    '/segundo-factor?x=1',
    '/'.padEnd(2_001, 'a'),
  ])('refuses %j', (value) => {
    expect(safeReturnPath(value)).toBeUndefined();
  });

  it.each([undefined, null, 42, {}, ['/funcionario/asignar']])('refuses a value that is not text: %j', (value) => {
    expect(safeReturnPath(value)).toBeUndefined();
  });
});
