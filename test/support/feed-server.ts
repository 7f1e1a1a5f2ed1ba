// A feed server on loopback for tests: each test registers what a path answers — a feed with an ETag
// and Last-Modified (and a 304 to a matching conditional request), a failure, a hang, a trickle, a huge
// body, a redirect — and reads back what the client sent. close() ends everything, hung answers too.
//
//   const server = await startFeedServer();
//   server.route('/agenda.ics', { body, contentType: 'text/calendar' });
//   await fetchFeed(server.url('/agenda.ics'));
//   expect(server.count('/agenda.ics')).toBe(1);
//   await server.close();
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Last-Modified of every route that names none (null turns it off). */
export const DEFAULT_LAST_MODIFIED = 'Mon, 30 Nov 2026 10:00:00 GMT';
/** A body that is not JSON, for "returns garbage" tests. */
export const INVALID_JSON = '{"items": [{"id": "1", "state": "updated", ';

export interface FeedRoute {
  /** @default 200, or 302 with `redirect` */
  status?: number;
  body?: string | Uint8Array;
  contentType?: string;
  /** @default a hash of the body; null sends none */
  etag?: string | null;
  /** @default DEFAULT_LAST_MODIFIED; null sends none */
  lastModified?: string | null;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Sent as Retry-After (seconds, or an HTTP date). */
  retryAfter?: string | number;
  /** Answers with a redirect to this location (a path on this server or any URL). */
  redirect?: string;
  /**
   * 'headers': never answers at all. 'body': sends the headers and the first half of the body, then
   * stalls. Either way close() ends the connection.
   */
  hang?: 'headers' | 'body';
  /** Closes the connection without answering (a network error at the client). */
  drop?: boolean;
  /** Sends the body in pieces of `bytes`, one every `intervalMs`. */
  trickle?: { bytes: number; intervalMs: number };
  /** Streams this many bytes of filler (chunked, no Content-Length) instead of `body`. */
  huge?: number;
  /**
   * Content-Length to declare, whatever is sent (null: none, chunked). With a claim larger than the
   * body the answer stalls after the body, as a real short read would.
   */
  contentLength?: number | null;
}

export type FeedHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface RecordedRequest {
  method: string;
  /** Path and query as requested. */
  url: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FeedServer {
  /** The server's origin, e.g. http://127.0.0.1:40123. */
  readonly origin: string;
  readonly port: number;
  /**
   * What `path` answers. A path with a query matches only that query; one without matches any query
   * (exact matches win). A list answers in turn, its last entry from then on. Registering again replaces.
   */
  route(path: string, answer: FeedRoute | FeedHandler | (FeedRoute | FeedHandler)[]): void;
  /** A chain of `hops` redirects starting at `from` and ending at `to`; returns `from`. */
  redirectChain(from: string, to: string, hops: number, status?: number): string;
  url(path: string): string;
  /** Requests received for `path` (matched like routes), oldest first. */
  requests(path: string): RecordedRequest[];
  count(path: string): number;
  close(): Promise<void>;
}

export function etagOf(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, { answers: (FeedRoute | FeedHandler)[]; served: number }>();
  const log: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const lookup = (target: string) => {
    const parsed = new URL(target, 'http://feed.test');
    return routes.get(parsed.pathname + parsed.search) ?? routes.get(parsed.pathname);
  };

  const server = createServer((request, response) => {
    const target = request.url ?? '/';
    log.push({ method: request.method ?? 'GET', url: target, path: new URL(target, 'http://feed.test').pathname, headers: request.headers });
    const entry = lookup(target);
    if (!entry) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`no route for ${target}`);
      return;
    }
    const answer = entry.answers[Math.min(entry.served, entry.answers.length - 1)]!;
    entry.served++;
    if (typeof answer === 'function') answer(request, response);
    else serve(answer, request, response, timers);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Keep-alive connections from the client's pool must not hold close() open.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const matches = (path: string) => {
    const wanted = new URL(path, 'http://feed.test');
    return (recorded: RecordedRequest) =>
      wanted.search ? new URL(recorded.url, 'http://feed.test').href === wanted.href : recorded.path === wanted.pathname;
  };

  const feedServer: FeedServer = {
    origin,
    port,
    route(path, answer) {
      routes.set(path, { answers: Array.isArray(answer) ? answer : [answer], served: 0 });
    },
    redirectChain(from, to, hops, status = 302) {
      let path = from;
      for (let hop = 1; hop <= hops; hop++) {
        const next = hop === hops ? to : `${from}~${hop}`;
        feedServer.route(path, { status, redirect: next });
        path = next;
      }
      return from;
    },
    url: (path) => new URL(path, origin).href,
    requests: (path) => log.filter(matches(path)),
    count: (path) => log.filter(matches(path)).length,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return feedServer;
}

function isFresh(route: FeedRoute, etag: string | undefined, request: IncomingMessage): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  // RFC 9110: If-None-Match, when present, decides alone; comparison is weak (W/ ignored).
  if (ifNoneMatch !== undefined) {
    if (etag === undefined) return false;
    const strip = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifModifiedSince !== undefined && route.lastModified !== null) {
    const since = Date.parse(ifModifiedSince);
    const modified = Date.parse(route.lastModified ?? DEFAULT_LAST_MODIFIED);
    return !Number.isNaN(since) && modified <= since;
  }
  return false;
}

function serve(route: FeedRoute, request: IncomingMessage, response: ServerResponse, timers: Set<NodeJS.Timeout>): void {
  if (route.drop) {
    request.socket.destroy();
    return;
  }
  if (route.hang === 'headers') return;

  const body = typeof route.body === 'string' ? Buffer.from(route.body) : Buffer.from(route.body ?? new Uint8Array());
  const headers: Record<string, string | number> = { ...route.headers };
  if (route.redirect !== undefined) {
    response.writeHead(route.status ?? 302, { ...headers, location: route.redirect }).end();
    return;
  }
  const status = route.status ?? 200;
  const ok = status >= 200 && status < 300;
  const etag = route.etag === null ? undefined : (route.etag ?? (ok ? etagOf(body) : undefined));
  if (ok) {
    if (etag !== undefined) headers.etag = etag;
    if (route.lastModified !== null) headers['last-modified'] = route.lastModified ?? DEFAULT_LAST_MODIFIED;
  }
  if (route.contentType) headers['content-type'] = route.contentType;
  if (route.retryAfter !== undefined) headers['retry-after'] = String(route.retryAfter);

  if (ok && isFresh(route, etag, request)) {
    delete headers['content-type'];
    response.writeHead(304, headers).end();
    return;
  }

  if (route.huge !== undefined) {
    response.writeHead(status, headers);
    streamFiller(response, route.huge);
    return;
  }

  if (route.contentLength !== null) headers['content-length'] = route.contentLength ?? body.byteLength;
  response.writeHead(status, headers);
  const declared = route.contentLength ?? body.byteLength;

  if (route.hang === 'body') {
    response.flushHeaders();
    response.write(body.subarray(0, Math.floor(body.byteLength / 2)));
    return;
  }
  if (route.trickle) {
    const { bytes, intervalMs } = route.trickle;
    let offset = 0;
    const tick = () => {
      if (response.destroyed) return;
      if (offset >= body.byteLength) {
        response.end();
        return;
      }
      response.write(body.subarray(offset, offset + bytes));
      offset += bytes;
      const timer = setTimeout(() => {
        timers.delete(timer);
        tick();
      }, intervalMs);
      timers.add(timer);
    };
    tick();
    return;
  }
  // A Content-Length claim beyond the body: send what there is and stall, like a cut-off answer.
  if (route.contentLength !== undefined && route.contentLength !== null && declared > body.byteLength) {
    response.write(body);
    return;
  }
  response.end(body);
}

/** Writes `total` bytes of JSON-ish filler, as fast as the client reads, until done or the client leaves. */
function streamFiller(response: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, '"filler",');
  let sent = 0;
  const pump = () => {
    while (sent < total && !response.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.byteLength, total - sent));
      sent += piece.byteLength;
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end();
  };
  response.on('close', () => response.removeAllListeners('drain'));
  pump();
}
