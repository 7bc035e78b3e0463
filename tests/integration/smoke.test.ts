import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalApp, type LocalApp } from '../../scripts/local-host/local-app';
import { cookieProblems, formatChecklist, runSmoke, type SmokeResult } from '../../scripts/azure/smoke-checks';
import { testEnv } from '../support/test-app';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
const servers: { close(): void }[] = [];
async function serve(handler: Handler): Promise<string> {
  const server = createServer((req, res) => void Promise.resolve(handler(req, res)).catch(() => res.writeHead(500).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The headers Static Web Apps adds to every page (web/staticwebapp.base.json). */
const swaHeaders = (
  JSON.parse(readFileSync(new URL('../../web/staticwebapp.base.json', import.meta.url), 'utf8')) as {
    globalHeaders: Record<string, string>;
  }
).globalHeaders;

/** Front Door in front of the app: /api/* passes through, the site gets the Static Web Apps headers. */
const frontDoorLike =
  (appUrl: string): Handler =>
  async (req, res) => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name !== 'host')) as Record<string, string>;
    const answer = await fetch(new URL(req.url ?? '/', appUrl), { method: req.method, headers, redirect: 'manual' });
    const out: Record<string, string | string[]> = Object.fromEntries(answer.headers.entries());
    if (answer.headers.getSetCookie().length > 0) out['set-cookie'] = answer.headers.getSetCookie();
    if (!req.url?.startsWith('/api/')) for (const [name, value] of Object.entries(swaHeaders)) out[name.toLowerCase()] = value;
    delete out['content-encoding'];
    delete out['content-length'];
    res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
  };

const byId = (results: SmokeResult[]) => Object.fromEntries(results.map((r) => [r.id, r.status]));
let app: LocalApp;

beforeAll(async () => {
  // https public address: the app names its session cookie __Host- and marks it Secure, as in Azure.
  app = await startLocalApp({
    env: testEnv({ PUBLIC_BASE_URL: 'https://ihce.minsalud.test' }),
    port: 0,
    webRoot: inject('webRoot'),
    timers: false,
  });
});
afterAll(async () => {
  servers.forEach((s) => s.close());
  await app?.stop();
});

describe('npm run smoke (scripts/azure/smoke.ts)', () => {
  it('against the local app: headers, API, Origin check and cookie pass; HSTS fails (the local host does not send it)', async () => {
    const results = await runSmoke({ url: app.url });
    expect(byId(results)).toEqual({
      inicio: 'ok',
      csp: 'ok',
      hsts: 'fail',
      nosniff: 'ok',
      api: 'ok',
      origen: 'ok',
      cookie: 'ok',
      https: 'skip',
      functions: 'skip',
    });
  });

  it('behind a Front Door-like proxy with the Static Web Apps headers, an http→https redirect and a closed functions host: all pass', async () => {
    const url = await serve(frontDoorLike(app.url));
    const httpUrl = await serve((_req, res) => void res.writeHead(308, { Location: 'https://127.0.0.1/' }).end());
    const functionsUrl = await serve((_req, res) => void res.writeHead(403, { 'Content-Type': 'text/html' }).end('Ip Forbidden'));
    const results = await runSmoke({ url, httpUrl, functionsUrl });
    expect(results.filter((r) => r.status !== 'ok')).toEqual([]);
    expect(formatChecklist(results)).toMatch(/^✔ La página de inicio[\s\S]*Resultado: todas las comprobaciones aplicables pasaron\.$/);
  });

  it('each check fails against a server that gets it wrong, and the command exits 1', async () => {
    const bad = await serve((req, res) => {
      if (req.url === '/api/health') return void res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"status":"mal"}');
      if (req.method === 'DELETE') return void res.writeHead(204, { 'Set-Cookie': 'ihce_sesion=; Path=/' }).end();
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Security-Policy': 'default-src *' }).end('hola');
    });
    const results = await runSmoke({ url: bad, httpUrl: bad, functionsUrl: bad });
    expect(results.filter((r) => r.status !== 'fail')).toEqual([]);
    expect(formatChecklist(results)).toContain('✘ Una solicitud que cambia estado con Origin ajeno');

    // In a child process (the bad server answers from this one): the checklist and exit code 1; no --url: exit 2.
    const smoke = (args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/azure/smoke.ts', ...args], { encoding: 'utf8' }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
    const cli = await smoke(['--url', bad]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('✘ Strict-Transport-Security');
    expect((await smoke([])).code).toBe(2);
  });

  it('a cookie without Secure, HttpOnly, SameSite=Strict or the __Host- prefix is named', () => {
    expect(cookieProblems('__Host-ihce_sesion=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0')).toEqual([]);
    expect(cookieProblems('__Secure-ihce_sso=x; Path=/api/sso/entra/; HttpOnly; Secure; SameSite=Lax')).toEqual([]);
    expect(cookieProblems('ihce_sesion=x; Path=/; SameSite=Lax')).toEqual([
      'ihce_sesion sin Secure',
      'ihce_sesion sin HttpOnly',
      'ihce_sesion sin prefijo __Host-',
      'ihce_sesion sin SameSite=Strict',
    ]);
    expect(cookieProblems('__Host-ihce_sesion=x; Path=/api; Domain=minsalud.gov.co; HttpOnly; Secure; SameSite=Strict')).toEqual([
      '__Host-ihce_sesion sin Path=/',
      '__Host-ihce_sesion con Domain',
    ]);
  });
});
