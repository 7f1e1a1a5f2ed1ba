// The hub's Node HTTP host: @hono/node-server's request listener behind a plain node:http server that
// is hardened for a machine left alone for months. It listens as soon as it is started — the kiosk's
// files and the site config are served while the store is still opening — checks the Host header and
// the request target before anything else, bounds slow clients with header and request timeouts and
// the number of connections, and answers or logs every request and stream error instead of dying.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { refuseRequest } from './http/guard';
import { securityHeaders } from './http/security';
import { consoleHubLog, type HubLog } from './log';

export interface HubServerTimeouts {
  /** Whole request head within this (slowloris). */
  headersMs: number;
  /** Whole request, body included, within this; a long poll's wait does not count (it is the answer). */
  requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
  /** A connection with no traffic at all is closed after this; above the longest long poll. */
  idleSocketMs: number;
  /** On close, requests still running get this long before their connections are cut. */
  shutdownGraceMs: number;
}

export const DEFAULT_TIMEOUTS: HubServerTimeouts = { headersMs: 10_000, requestMs: 60_000, keepAliveMs: 5_000, idleSocketMs: 120_000, shutdownGraceMs: 2_000 };
/** Connections at once; a site has a handful of screens, so this only bounds abuse. */
export const DEFAULT_MAX_CONNECTIONS = 1024;

export interface HubServerOptions {
  host: string;
  port: number;
  /** The hub app (or anything with its fetch). */
  app: { fetch: (request: Request, env: { incoming: IncomingMessage; outgoing: ServerResponse }) => Response | Promise<Response> };
  /** Host names the hub answers to (see allowedHostsFor); anything else is refused with 421. */
  allowedHosts: readonly string[];
  log?: HubLog;
  timeouts?: Partial<HubServerTimeouts>;
  maxConnections?: number;
}

export interface RunningHubServer {
  /** Where to reach it from this machine. */
  url: string;
  port: number;
  server: Server;
  /** Stops accepting, lets running requests finish (briefly), then cuts the rest (long polls). */
  close(): Promise<void>;
}

const TEXT = 'text/plain; charset=utf-8';

export async function startHubServer(options: HubServerOptions): Promise<RunningHubServer> {
  const log = options.log ?? consoleHubLog;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const listener = getRequestListener(options.app.fetch as Parameters<typeof getRequestListener>[0], {
    // Leave the process's Request and Response alone: Electron and tests share them.
    overrideGlobalObjects: false,
    // Only reached when the adapter cannot even build a Request (the app itself never throws).
    errorHandler: (error) => {
      log.warn('http', `request refused by the adapter: ${describe(error)}`);
      return plainResponse(400, 'Malformed request.');
    },
  });

  const connections = trackConnections();
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // How often the two timeouts above are checked (default 30 s would let them overshoot a lot).
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    },
    (request, response) => {
      connections.started(request.socket, response);
      request.on('error', (error) => log.warn('http', `request stream: ${describe(error)}`));
      response.on('error', (error) => log.warn('http', `response stream: ${describe(error)}`));
      const refusal = refuseRequest(request.url, request.headers.host, options.allowedHosts);
      if (refusal) {
        refuse(response, refusal.status, refusal.message);
        return;
      }
      listener(request, response).catch((error: unknown) => {
        log.error('http', `${request.method} ${request.url?.slice(0, 200)} failed in the host: ${describe(error)}`);
        if (!response.headersSent) refuse(response, 500, 'Internal error.');
        else response.destroy();
      });
    },
  );
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  server.timeout = timeouts.idleSocketMs;
  server.on('connection', (socket: Socket) => {
    socket.on('error', () => undefined);
    connections.opened(socket);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));
  server.on('error', (error) => log.error('http', `server: ${describe(error)}`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${reachableHost(address.address)}:${address.port}/`,
    port: address.port,
    server,
    close: () => closeServer(server, connections, timeouts.shutdownGraceMs),
  };
}

interface ConnectionTracker {
  opened(socket: Socket): void;
  started(socket: Socket, response: ServerResponse): void;
  /** From now on every connection closes as soon as it has no request running; those idle now close at once. */
  closing(): void;
}

/**
 * Which connections have a request running. Node's own closeIdleConnections misses a connection that
 * never sent a request (browsers open spare ones), and one that turns idle only after close() began.
 */
function trackConnections(): ConnectionTracker {
  const running = new Map<Socket, number>();
  let closing = false;
  return {
    opened(socket) {
      running.set(socket, 0);
      socket.once('close', () => running.delete(socket));
    },
    started(socket, response) {
      running.set(socket, (running.get(socket) ?? 0) + 1);
      response.once('close', () => {
        const left = (running.get(socket) ?? 1) - 1;
        running.set(socket, left);
        // end(), not destroy(): the answer just written is still on its way out.
        if (closing && left === 0) socket.end();
      });
    },
    closing() {
      closing = true;
      for (const [socket, count] of running) if (count === 0) socket.destroy();
    },
  };
}

function closeServer(server: Server, connections: ConnectionTracker, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    connections.closing();
  });
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { ...securityHeaders(), 'Content-Type': TEXT, 'Cache-Control': 'no-store', Connection: 'close' });
  response.end(message);
}

function plainResponse(status: number, message: string): Response {
  return new Response(message, { status, headers: { ...securityHeaders(), 'Content-Type': TEXT, 'Cache-Control': 'no-store' } });
}

/**
 * Errors the HTTP parser meets before there is a request (bad syntax, huge headers, a timeout): a
 * short answer with the security headers when the socket can still take one, else just close it.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout'] : [400, 'Bad Request'];
  const headers = Object.entries({ ...securityHeaders(), 'Content-Type': TEXT, 'Content-Length': String(reason.length), Connection: 'close' })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers}\r\n${reason}`);
}

function reachableHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
