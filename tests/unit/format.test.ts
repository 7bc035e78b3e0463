import { describe, expect, it } from 'vitest';
import { daysLeftText, withStop } from '../../web/src/lib/format';

describe('days left or overdue, as the delegate card and «Actualizar Token» say them', () => {
  it.each([
    [200, 'quedan 200 días'],
    [1, 'queda 1 día'],
    [0, 'vence hoy'],
    [-1, 'vencida hace 1 día'],
    [-3, 'vencida hace 3 días'],
  ])('%i → «%s»', (days, text) => {
    expect(daysLeftText(days)).toBe(text);
  });
});

describe('one full stop after a time', () => {
  it('«3:04 p. m.» gets no second stop; other text gets one', () => {
    expect(withStop('Vigentes desde el 5 de noviembre de 2026, 3:04 p. m.')).toBe('Vigentes desde el 5 de noviembre de 2026, 3:04 p. m.');
    expect(withStop('Vence el 30 de junio de 2027')).toBe('Vence el 30 de junio de 2027.');
  });
});
