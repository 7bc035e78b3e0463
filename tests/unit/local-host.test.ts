import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSchedule } from '../../scripts/local-host/ncrontab';
import { compileRoute } from '../../scripts/local-host/route-matcher';
import { serializeCookie } from '../../scripts/local-host/http-server';
import { webSecurityHeaders } from '../../scripts/local-host/web-headers';

describe('route templates (Azure Functions syntax)', () => {
  it('matches literals case-insensitively and captures parameters', () => {
    expect(compileRoute('providers/{nit}/credentials')('Providers/900123456/credentials')).toEqual({ nit: '900123456' });
    expect(compileRoute('providers/{nit}/credentials')('providers/900123456')).toBeUndefined();
    expect(compileRoute('sessions/current')('sessions/current/extra')).toBeUndefined();
  });

  it('supports optional parameters, constraints and catch-all', () => {
    expect(compileRoute('requests/{id?}')('requests')).toEqual({});
    expect(compileRoute('items/{id:int}')('items/abc')).toBeUndefined();
    expect(compileRoute('items/{id:int}')('items/42')).toEqual({ id: '42' });
    expect(compileRoute('files/{*path}')('files/a/b%20c')).toEqual({ path: 'a/b c' });
    expect(compileRoute('items/{id}')('items/%E0%A4%A')).toBeUndefined();
  });
});

describe('NCRONTAB schedules', () => {
  it('fires every minute at second 0 for "0 */1 * * * *"', () => {
    const due = compileSchedule('0 */1 * * * *');
    expect(due(new Date(2026, 10, 25, 10, 15, 0))).toBe(true);
    expect(due(new Date(2026, 10, 25, 10, 15, 1))).toBe(false);
  });

  it('supports ranges, lists and weekdays, and refuses a 5-field expression', () => {
    const due = compileSchedule('0 30 7 * * 1-5');
    expect(due(new Date(2026, 10, 25, 7, 30, 0))).toBe(true); // miércoles
    expect(due(new Date(2026, 10, 29, 7, 30, 0))).toBe(false); // domingo
    expect(() => compileSchedule('*/5 * * * *')).toThrow(/6 campos/);
  });
});

describe('cookies and headers', () => {
  it('serialises a session cookie with every attribute', () => {
    expect(
      serializeCookie({ name: 'ihce_sesion', value: 'abc', path: '/', httpOnly: true, secure: true, sameSite: 'Strict', maxAge: 60 }),
    ).toBe('ihce_sesion=abc; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Strict');
  });

  it('the local host sends the same security headers as Static Web Apps (staticwebapp.config.json)', () => {
    const swa = JSON.parse(readFileSync('web/staticwebapp.base.json', 'utf8')) as { globalHeaders: Record<string, string> };
    const local = webSecurityHeaders();
    for (const [name, value] of Object.entries(local)) expect(swa.globalHeaders[name], name).toBe(value);
    expect(swa.globalHeaders['Strict-Transport-Security']).toMatch(/max-age=\d{8}/);
  });
});
