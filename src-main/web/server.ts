import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { isFile, readSiteBundle, resolveSiteAsset, watchSiteDir } from '../../src-hub/site/read';
import { contentTypeFor } from '../../src-hub/site/mime';
import { CSP_HEADER } from '../csp';

export interface WebServerOptions {
  /** Built renderer folder (out/renderer). */
  rendererDir: string;
  siteDir: string;
  host?: string;
  port?: number;
  /** Where `POST /api/log` entries go; defaults to the console. */
  log?: (line: string) => void;
}

export interface RunningWebServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const MAX_LOG_BODY = 4096;

/**
 * Web mode: serves the same renderer build Electron loads, plus the site folder, over plain HTTP on
 * loopback. `/site/bundle.json` answers what `kiosk:site:get` answers under Electron, and
 * `/site/events` (Server-Sent Events) stands in for `kiosk:site:changed`.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const listeners = new Set<ServerResponse>();
  const stopWatching = watchSiteDir(options.siteDir, () => {
    for (const response of listeners) response.write('event: site\ndata: changed\n\n');
  });

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`web: ${request.method} ${request.url} failed: ${String(error)}`);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (request.method === 'POST' && path === '/api/log') return receiveLog(request, response, log);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (path === '/site/bundle.json') {
      const bundle = await readSiteBundle(options.siteDir);
      return send(response, 200, 'application/json; charset=utf-8', JSON.stringify(bundle), { 'Cache-Control': 'no-store' });
    }
    if (path === '/site/events') return openEventStream(request, response, listeners);
    if (path.startsWith('/site/')) {
      const asset = resolveSiteAsset(options.siteDir, path.slice('/site/'.length));
      if (asset && (await isFile(asset))) return sendFile(response, asset, 'no-cache');
      return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
    }
    const file = rendererFile(options.rendererDir, path);
    if (file && (await isFile(file))) {
      // Hashed assets never change; index.html must, so a rebuilt kiosk is picked up at the next load.
      return sendFile(response, file, path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5180, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        stopWatching();
        for (const response of listeners) response.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Maps a URL path to a file inside the renderer folder, refusing anything that would leave it. */
export function rendererFile(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = normalize(join(rendererDir, relative));
  const root = normalize(rendererDir + sep);
  return full.startsWith(root) ? full : null;
}

function openEventStream(request: IncomingMessage, response: ServerResponse, listeners: Set<ServerResponse>): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  response.write('retry: 2000\n\n');
  listeners.add(response);
  request.on('close', () => listeners.delete(response));
}

function receiveLog(request: IncomingMessage, response: ServerResponse, log: (line: string) => void): void {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => {
    body += chunk;
    if (body.length > MAX_LOG_BODY) request.destroy();
  });
  request.on('end', () => {
    try {
      const entry = JSON.parse(body) as { level?: unknown; topic?: unknown; message?: unknown };
      log(`renderer ${String(entry.level)} [${String(entry.topic)}] ${String(entry.message)}`);
      send(response, 204, 'text/plain', '');
    } catch {
      send(response, 400, 'text/plain; charset=utf-8', 'Log entries are JSON objects');
    }
  });
}

function send(response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...securityHeaders(), 'Content-Type': type, ...headers });
  response.end(body);
}

function sendFile(response: ServerResponse, path: string, cacheControl: string): void {
  response.writeHead(200, { ...securityHeaders(), 'Content-Type': contentTypeFor(extname(path)), 'Cache-Control': cacheControl });
  createReadStream(path).pipe(response);
}

function securityHeaders(): Record<string, string> {
  return { 'Content-Security-Policy': CSP_HEADER, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
}
