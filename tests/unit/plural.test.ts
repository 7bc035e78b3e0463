import { describe, expect, it } from 'vitest';
import { plural } from '../../src/kernel/plural';

describe('plural: a count with its Spanish noun', () => {
  it('one is singular; zero and more are plural; an irregular plural is given', () => {
    expect(plural(1, 'fila')).toBe('1 fila');
    expect(plural(0, 'fila')).toBe('0 filas');
    expect(plural(2, 'nuevo')).toBe('2 nuevos');
    expect(plural(1, 'línea con errores', 'líneas con errores')).toBe('1 línea con errores');
    expect(plural(3, 'línea con errores', 'líneas con errores')).toBe('3 líneas con errores');
    expect(plural(1500, 'fila')).toBe('1.500 filas');
  });
});
