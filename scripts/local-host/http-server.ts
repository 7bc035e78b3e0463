import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Cookie } from '@azure/functions';
import { HttpRequest, HttpResponse, InvocationContext } from '../../src/platform/functions-runtime';
import type { BoundHttpFunction } from '../../src/http/function-definition';
import { API_HEADERS } from '../../src/http/http-pipeline';
import { compileRoute } from './route-matcher';
import { webSecurityHeaders } from './web-headers';

const ROUTE_PREFIX = 'api';
// The largest body any route takes: the directory upload's 50 MB and its form framing. Each route's own limit
// (64 KB unless it declares more) is the pipeline's, before its handler reads the body.
const MAX_REQUEST_BYTES = 51 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type LocalHostOptions = {
  port: number;
  host?: string;
  definitions: readonly BoundHttpFunction[];
  /** Built static site (Vite's output); omitted, only the API is served. */
  webRoot?: string;
  log?: (line: string) => void;
  /**
   * Like Azure's front end, the host writes the caller's address into X-Forwarded-For. A load generator that
   * plays many users sets it itself; only then is the header kept (never with `npm start`).
   */
  trustForwardedFor?: boolean | undefined;
};

/**
 * A small stand-in for the Functions host (its Core Tools cannot be installed here): it routes `/api/...`
 * exactly as the definitions declare, builds the same HttpRequest/InvocationContext objects the Azure
 * worker builds, and serves the static web like Static Web Apps would (same security headers, SPA fallback).
 */
export function startHttpHost(options: LocalHostOptions): Promise<Server> {
  const routes = options.definitions.map((definition) => ({ definition, match: compileRoute(definition.route) }));
  const log = options.log ?? (() => {});

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`Error del host local: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { ...API_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Error interno del host local');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const prefix = `/${ROUTE_PREFIX}/`;
    if (url.pathname === `/${ROUTE_PREFIX}` || url.pathname.startsWith(prefix)) {
      await handleApi(req, res, url, url.pathname.slice(prefix.length));
    } else {
      await serveStatic(req, res, url);
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, routePath: string) {
    const method = (req.method ?? 'GET').toUpperCase();
    const candidates = routes.map((route) => ({ ...route, params: route.match(routePath) })).filter((route) => route.params);
    const chosen = candidates.find((route) => route.definition.methods.includes(method as never));
    if (!chosen) {
      const status = candidates.length > 0 ? 405 : 404;
      return sendProblem(res, status, {
        type: status === 404 ? 'urn:ihce:problema:no-encontrado' : 'urn:ihce:problema:metodo-no-permitido',
        title: status === 404 ? 'No encontrado' : 'Método no permitido',
        detail: status === 404 ? 'La ruta solicitada no existe.' : `La ruta no admite el método ${method}.`,
        instance: url.pathname,
      });
    }
    const body = await readBody(req);
    if (body === 'too-large') {
      return sendProblem(res, 413, {
        type: 'urn:ihce:problema:cuerpo-demasiado-grande',
        title: 'Solicitud demasiado grande',
        detail: `La solicitud es demasiado grande (máximo ${MAX_REQUEST_BYTES / 1024} KB).`,
        instance: url.pathname,
      });
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    if (!options.trustForwardedFor || !headers['x-forwarded-for']) headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    const request = new HttpRequest({
      method,
      url: url.toString(),
      headers,
      query: Object.fromEntries(url.searchParams),
      params: chosen.params!,
      ...(body.length > 0 && { body: { bytes: body } }),
    });
    const invocationId = randomUUID();
    const context = new InvocationContext({
      invocationId,
      functionName: chosen.definition.name,
      logHandler: (level, ...args) => log(`[${chosen.definition.name}] ${level}: ${args.map(String).join(' ')}`),
    });
    const started = performance.now();
    const response = new HttpResponse(await chosen.definition.handler(request, context));
    const payload = Buffer.from(await response.arrayBuffer());
    const outHeaders: Record<string, string | string[]> = Object.fromEntries(response.headers.entries());
    if (response.cookies.length > 0) outHeaders['Set-Cookie'] = response.cookies.map(serializeCookie);
    res.writeHead(response.status, outHeaders);
    res.end(payload);
    log(`${method} ${url.pathname} → ${response.status} (${Math.round(performance.now() - started)} ms)`);
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL) {
    const headers = webSecurityHeaders();
    if (!options.webRoot || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(options.webRoot ? 405 : 404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(options.webRoot ? 'Método no permitido' : 'Sin sitio web: ejecute npm run build:web');
      return;
    }
    const root = path.resolve(options.webRoot);
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Dirección mal formada');
      return;
    }
    let file = path.resolve(root, `.${decoded}`);
    if (file !== root && !file.startsWith(root + path.sep)) file = path.join(root, 'index.html');
    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    const isAsset = url.pathname.startsWith('/assets/');
    if (!info) {
      if (isAsset || path.extname(url.pathname)) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('No encontrado');
        return;
      }
      // Client-side routes (/registro, /activar…) all load the single page.
      file = path.join(root, 'index.html');
      info = await stat(file);
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(info.size),
      // Hashed asset names never change content; the page itself must always be revalidated.
      'Cache-Control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
}

/** Answers the pipeline's own way (problem+json and the API's security headers) for what never reaches a handler. */
function sendProblem(res: ServerResponse, status: number, problem: { type: string; title: string; detail: string; instance: string }) {
  res.writeHead(status, { ...API_HEADERS, 'Content-Type': 'application/problem+json; charset=utf-8' });
  res.end(JSON.stringify({ ...problem, status }));
}

/**
 * Reads the body up to the limit. Past it, the rest is read and dropped rather than the socket destroyed:
 * a client still sending would otherwise see a reset connection instead of the 413.
 */
function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_REQUEST_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function serializeCookie(cookie: Cookie): string {
  const parts = [`${cookie.name}=${cookie.value}`];
  if (cookie.path) parts.push(`Path=${cookie.path}`);
  if (cookie.domain) parts.push(`Domain=${cookie.domain}`);
  if (cookie.maxAge !== undefined) parts.push(`Max-Age=${cookie.maxAge}`);
  if (cookie.expires !== undefined) parts.push(`Expires=${new Date(cookie.expires).toUTCString()}`);
  if (cookie.httpOnly) parts.push('HttpOnly');
  if (cookie.secure) parts.push('Secure');
  if (cookie.sameSite) parts.push(`SameSite=${cookie.sameSite}`);
  return parts.join('; ');
}
