/**
 * The checks of `npm run smoke` against a deployed site: read-only, they create no data (the only
 * state-changing request is «cerrar sesión» without a session, which the app answers without writing).
 */
export type SmokeStatus = 'ok' | 'fail' | 'skip';
export type SmokeResult = { id: string; label: string; status: SmokeStatus; detail: string };
export type SmokeOptions = {
  /** The public address: the custom domain, or the Front Door endpoint's host (https://…). */
  url: string;
  /** The same site over plain http, which must redirect to https (default: http:// + the host of `url`). */
  httpUrl?: string | undefined;
  /** The Function App's own host (https://<app>.azurewebsites.net), which must refuse the public. */
  functionsUrl?: string | undefined;
  timeoutMs?: number;
};

/** Any origin that is not the site's: a state-changing request from it must be refused. */
export const FOREIGN_ORIGIN = 'https://sitio-ajeno.example';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
const REDIRECTS = new Set([301, 302, 307, 308]);

type Check = { id: string; label: string; run: () => Promise<string | undefined> };

export async function runSmoke(options: SmokeOptions): Promise<SmokeResult[]> {
  const base = new URL(options.url);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const request = (url: URL | string, init: RequestInit = {}) =>
    fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), ...init });
  const at = (path: string) => new URL(path, base);
  const httpUrl = options.httpUrl ?? (base.protocol === 'https:' ? `http://${base.host}/` : undefined);

  let home: Promise<Response> | undefined;
  const homePage = () => (home ??= request(at('/')));
  const header = async (name: string) => (await homePage()).headers.get(name) ?? '';

  const checks: Check[] = [
    {
      id: 'inicio',
      label: 'La página de inicio responde 200 con HTML',
      run: async () => {
        const response = await homePage();
        const type = response.headers.get('content-type') ?? '';
        if (response.status !== 200 || !type.includes('text/html')) return `respondió ${response.status} (${type || 'sin tipo'})`;
      },
    },
    {
      id: 'csp',
      label: "Content-Security-Policy con default-src 'self' y frame-ancestors 'none'",
      run: async () => {
        const csp = await header('content-security-policy');
        if (!/default-src 'self'/.test(csp) || !/frame-ancestors 'none'/.test(csp)) return csp ? `es «${csp}»` : 'falta el encabezado';
      },
    },
    {
      id: 'hsts',
      label: 'Strict-Transport-Security de al menos un año',
      run: async () => {
        const hsts = await header('strict-transport-security');
        const maxAge = Number(/max-age=(\d+)/i.exec(hsts)?.[1] ?? 0);
        if (maxAge < ONE_YEAR_SECONDS) return hsts ? `es «${hsts}»` : 'falta el encabezado';
      },
    },
    {
      id: 'nosniff',
      label: 'X-Content-Type-Options: nosniff',
      run: async () => {
        const value = await header('x-content-type-options');
        // Browsers read the first value (Fetch standard), so a repeated "nosniff, nosniff" still holds.
        if (value.split(',')[0]!.trim().toLowerCase() !== 'nosniff') return value ? `es «${value}»` : 'falta el encabezado';
      },
    },
    {
      id: 'api',
      label: 'GET /api/health responde 200 con {"status":"ok"} a través de la puerta de entrada',
      run: async () => {
        const response = await request(at('/api/health'));
        const body = (await response.json().catch(() => undefined)) as { status?: unknown } | undefined;
        if (response.status !== 200 || body?.status !== 'ok') return `respondió ${response.status} ${JSON.stringify(body ?? null)}`;
        if (response.headers.get('x-content-type-options') !== 'nosniff') return 'la API no envía X-Content-Type-Options: nosniff';
      },
    },
    {
      id: 'origen',
      label: `Una solicitud que cambia estado con Origin ajeno (${FOREIGN_ORIGIN}) recibe 403`,
      run: async () => {
        const response = await request(at('/api/sessions/current'), { method: 'DELETE', headers: { Origin: FOREIGN_ORIGIN } });
        if (response.status !== 403) return `respondió ${response.status}`;
      },
    },
    {
      id: 'cookie',
      label: 'La cookie de sesión lleva __Host-, Secure, HttpOnly, SameSite=Strict y Path=/, sin Domain',
      run: async () => {
        // «Cerrar sesión» without a session: the app writes nothing and answers with the cleared session cookie.
        // No Origin: the app lets non-browser clients through (a browser would send the site's own origin).
        const response = await request(at('/api/sessions/current'), { method: 'DELETE' });
        const cookies = response.headers.getSetCookie();
        if (cookies.length === 0) return `respondió ${response.status} sin Set-Cookie`;
        const problems = cookies.flatMap(cookieProblems);
        if (problems.length > 0) return problems.join('; ');
      },
    },
    {
      id: 'https',
      label: 'http:// redirige a https:// en el mismo host',
      run: async () => {
        if (!httpUrl) return 'skip';
        const response = await request(httpUrl);
        const location = response.headers.get('location') ?? '';
        const target = URL.canParse(location, httpUrl) ? new URL(location, httpUrl) : undefined;
        if (!REDIRECTS.has(response.status) || target?.protocol !== 'https:' || target.hostname !== base.hostname)
          return `respondió ${response.status}${location ? ` hacia ${location}` : ''}`;
      },
    },
    {
      id: 'functions',
      label: 'El host propio de la Function App (*.azurewebsites.net) rechaza el acceso directo con 403',
      run: async () => {
        if (!options.functionsUrl) return 'skip';
        const response = await request(new URL('/api/health', options.functionsUrl));
        if (response.status !== 403) return `respondió ${response.status}: la restricción de acceso no está activa`;
      },
    },
  ];

  const results: SmokeResult[] = [];
  for (const check of checks) {
    const outcome = await check
      .run()
      .catch((error: unknown) => `sin respuesta (${error instanceof Error ? error.message : String(error)})`);
    const status: SmokeStatus = outcome === undefined ? 'ok' : outcome === 'skip' ? 'skip' : 'fail';
    results.push({ id: check.id, label: check.label, status, detail: status === 'fail' ? (outcome ?? '') : '' });
  }
  return results;
}

/** What a cookie set by the API lacks: every one Secure and HttpOnly; the session cookie also __Host-, Strict, Path=/. */
export function cookieProblems(setCookie: string): string[] {
  const [pair = '', ...rest] = setCookie.split(';').map((part) => part.trim());
  const name = pair.split('=')[0] ?? '';
  const attributes = new Map(rest.map((a) => [a.split('=')[0]!.toLowerCase(), a.split('=').slice(1).join('=')]));
  const problems: string[] = [];
  if (!attributes.has('secure')) problems.push(`${name} sin Secure`);
  if (!attributes.has('httponly')) problems.push(`${name} sin HttpOnly`);
  const session = name.includes('sesion');
  if (session ? !name.startsWith('__Host-') : !/^__(Host|Secure)-/.test(name)) problems.push(`${name} sin prefijo __Host-`);
  if (name.startsWith('__Host-')) {
    if (attributes.get('path') !== '/') problems.push(`${name} sin Path=/`);
    if (attributes.has('domain')) problems.push(`${name} con Domain`);
  }
  if (session && attributes.get('samesite')?.toLowerCase() !== 'strict') problems.push(`${name} sin SameSite=Strict`);
  return problems;
}

/** The Spanish checklist printed by `npm run smoke`. */
export function formatChecklist(results: SmokeResult[]): string {
  const mark = { ok: '✔', fail: '✘', skip: '–' } as const;
  const lines = results.map(
    (r) => `${mark[r.status]} ${r.label}${r.status === 'fail' ? `: ${r.detail}` : r.status === 'skip' ? ' (omitida)' : ''}`,
  );
  const failed = results.filter((r) => r.status === 'fail').length;
  lines.push(failed === 0 ? 'Resultado: todas las comprobaciones aplicables pasaron.' : `Resultado: ${failed} comprobación(es) fallaron.`);
  return lines.join('\n');
}
