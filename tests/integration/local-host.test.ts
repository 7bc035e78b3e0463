import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startLocalApp, type LocalApp } from '../../scripts/local-host/local-app';
import { testEnv } from '../support/test-app';

let app: LocalApp;

beforeAll(async () => {
  app = await startLocalApp({ env: testEnv(), port: 0, webRoot: inject('webRoot'), timers: false });
});
afterAll(async () => app?.stop());

describe('local host over real HTTP', () => {
  it('starts like Azure: a bad setting stops it with the setting named, before it listens', async () => {
    const { MAIL_FROM: _missing, ...env } = testEnv();
    await expect(startLocalApp({ env, port: 0, timers: false })).rejects.toThrow(/Configuración inválida:[\s\S]*MAIL_FROM/);
  });

  it('GET /api/health answers ok with storage reachable', async () => {
    const response = await fetch(`${app.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("GET /api/catalogs lists the documents an adult can hold (no minors' documents, the PPT once), the entity type and both environments, in Spanish", async () => {
    const body = await (await fetch(`${app.url}/api/catalogs`)).json();
    expect(body.documentTypes.map((t: { code: string }) => t.code)).toEqual(['CC', 'CE', 'PA', 'CD', 'PE', 'PT', 'SC', 'DE']);
    expect(body.entityTypes).toEqual([{ code: 'PSS', label: 'Entidades Prestadoras de Servicios de Salud – PSS' }]);
    expect(body.environments).toEqual([
      { code: 'preproduction', label: 'Preproducción' },
      { code: 'production', label: 'Producción' },
    ]);
    expect(body.confidentialityAgreement.paragraphs.length).toBeGreaterThan(0);
  });

  it('GET /api/captcha gives a signed, expiring SHA-256 challenge each time', async () => {
    const [a, b] = await Promise.all([
      fetch(`${app.url}/api/captcha`).then((r) => r.json()),
      fetch(`${app.url}/api/captcha`).then((r) => r.json()),
    ]);
    expect(a).toMatchObject({ algorithm: 'SHA-256', maxnumber: 1000 });
    expect(a.salt).toMatch(/\?expires=\d+/);
    expect(a.signature).not.toBe(b.signature);
  });

  it('an oversized body is answered 413 (problem+json, security headers), never a reset connection', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    for (const path of ['/api/registrations', '/api/no-existe']) {
      const response = await fetch(`${app.url}${path}`, { method: 'POST', body: big, headers: { 'content-type': 'application/json' } });
      expect(response.status, path).toBe(path === '/api/no-existe' ? 404 : 413);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // The connection survives: the next call on the same host is answered.
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });

  it('every answer of the host, an unknown route’s 404 and a wrong method’s 405 included, carries the security headers', async () => {
    const answers = [
      await fetch(`${app.url}/api/nada`),
      await fetch(`${app.url}/api/health`, { method: 'DELETE' }),
      await fetch(`${app.url}/api/health`),
    ];
    for (const answer of answers) {
      expect(answer.headers.get('x-content-type-options'), answer.url).toBe('nosniff');
      expect(answer.headers.get('x-frame-options'), answer.url).toBe('DENY');
      expect(answer.headers.get('content-security-policy'), answer.url).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('referrer-policy'), answer.url).toBe('no-referrer');
      expect(answer.headers.get('cache-control'), answer.url).toBe('no-store');
    }
  });

  it('unknown API routes are problem+json 404, wrong methods 405', async () => {
    const missing = await fetch(`${app.url}/api/nada`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const wrongMethod = await fetch(`${app.url}/api/health`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
  });

  it('serves the single page for client routes with a strict CSP, and assets as immutable', async () => {
    const page = await fetch(`${app.url}/registro`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="app"></div>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script for the CSP to allow
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const asset = /\/assets\/[^"]+\.js/.exec(html)![0];
    const script = await fetch(`${app.url}${asset}`);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${app.url}/assets/no-existe.js`)).status).toBe(404);
    expect((await fetch(`${app.url}/..%2f..%2fpackage.json`)).status).toBe(200);
    expect(await (await fetch(`${app.url}/..%2f..%2fpackage.json`)).text()).not.toContain('"dependencies"');
  });

  it('a sign-in with bad credentials answers 400/401 as problem+json, never a stack trace', async () => {
    const response = await fetch(`${app.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ username: 'x', password: 'y', captcha: 'z' }),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ status: 400, errors: [{ field: 'captcha' }] });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });
});
