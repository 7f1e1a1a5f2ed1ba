// Reads one feed over HTTP for the hub, politely and without surprises. Polite: a User-Agent that
// names us, conditional requests (If-None-Match / If-Modified-Since) so an unchanged feed costs a 304,
// and Retry-After passed on to the back-off (backoff.ts). Without surprises: one deadline covers
// redirects, headers and the whole body; the body is cut off as soon as it passes the size limit; only
// http(s) is ever followed; and every network-level problem comes back as a `failed` outcome with a
// sentence a coordinator can act on, never as an exception. The one exception is the caller's own
// signal: when the caller aborts (the hub shutting down), fetchFeed rejects with the signal's reason,
// because that is not the feed's fault and must not count as a failed read.
import { STATUS_CODES } from 'node:http';

/** The whole read — redirects, headers and body — must finish within this. */
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Largest body read, in bytes of the decoded (decompressed) body. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** Redirects followed before the read is given up. */
export const MAX_REDIRECTS = 5;
/** A server asking to wait longer than this (Retry-After) is taken as asking for a day. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_USER_AGENT = 'Wegwijzer-hub/0.1 (signpost kiosk feed reader)';
export const DEFAULT_ACCEPT = '*/*';

export interface FetchFeedOptions {
  /** The ETag of the last good copy: sent as If-None-Match. */
  etag?: string;
  /** The Last-Modified of the last good copy: sent as If-Modified-Since. */
  lastModified?: string;
  /** @default DEFAULT_TIMEOUT_MS */
  timeoutMs?: number;
  /** @default DEFAULT_MAX_BYTES */
  maxBytes?: number;
  /** Extra request headers (an API key header, say). Dropped when a redirect leaves the URL's origin. */
  headers?: Record<string, string>;
  /** @default DEFAULT_ACCEPT */
  accept?: string;
  /** The caller's own cancel (shutdown). Aborting it rejects the promise with the signal's reason. */
  signal?: AbortSignal;
  /** For tests. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default DEFAULT_USER_AGENT */
  userAgent?: string;
  /** Only for messages: the environment variable that holds the feed's API key, named on a 401 or 403. */
  apiKeyEnv?: string;
}

export type FetchFailureReason = 'timeout' | 'too-large' | 'http' | 'network' | 'refused' | 'encoding';

export interface FetchFresh {
  kind: 'fresh';
  body: string;
  etag?: string;
  lastModified?: string;
  contentType?: string;
  /** Bytes of the body as received (after decompression, before decoding). */
  bytes: number;
  status: number;
  /** Where the body came from, after redirects. */
  url: string;
}

/** The server answered 304: the last good copy is still current. */
export interface FetchNotModified {
  kind: 'not-modified';
}

export interface FetchFailed {
  kind: 'failed';
  reason: FetchFailureReason;
  /** The HTTP status, when the server answered one. */
  status?: number;
  /** How long the server asked us to wait (Retry-After on a 429 or 503), capped at MAX_RETRY_AFTER_MS. */
  retryAfterMs?: number;
  /** What went wrong, in English a coordinator can act on. */
  message: string;
}

export type FetchOutcome = FetchFresh | FetchNotModified | FetchFailed;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function fetchFeed(url: string, options: FetchFeedOptions = {}): Promise<FetchOutcome> {
  const timeoutMs = Math.max(1, Math.round(positiveOr(options.timeoutMs, DEFAULT_TIMEOUT_MS)));
  const maxBytes = Math.floor(positiveOr(options.maxBytes, DEFAULT_MAX_BYTES));
  const doFetch = options.fetch ?? globalThis.fetch;
  options.signal?.throwIfAborted();
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  let current: URL;
  try {
    current = new URL(url);
  } catch {
    // The URL itself stays out of the message: it may carry a key in its query.
    return refused('The feed\'s address is not a valid URL: give its full address, starting with https://.');
  }
  const firstOrigin = current.origin;

  /** Turns whatever a fetch or a read threw into an outcome; rethrows only the caller's own abort. */
  const failure = (error: unknown, host: string, phase: 'connecting' | 'reading'): FetchFailed => {
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout.aborted) return { kind: 'failed', reason: 'timeout', message: `The feed did not answer within ${formatDuration(timeoutMs)}.` };
    return { kind: 'failed', reason: 'network', message: networkMessage(error, host, phase) };
  };

  for (let redirects = 0; ; redirects++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      const where = redirects === 0 ? 'The feed\'s URL' : `The feed redirected to ${current.href}, which`;
      return refused(`${where} is not an http:// or https:// address; the hub reads feeds only over HTTP(S).`);
    }
    if (current.username !== '' || current.password !== '') {
      return refused('The feed\'s URL contains a user name or password; the hub does not send those. Use the feed\'s API key setting, or a URL without them.');
    }
    let response: Response;
    try {
      response = await doFetch(current.href, {
        headers: requestHeaders(options, current.origin === firstOrigin),
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      return failure(error, current.host, 'connecting');
    }

    if (REDIRECTS.has(response.status)) {
      const location = response.headers.get('location');
      discard(response);
      if (location === null) {
        return { kind: 'failed', reason: 'http', status: response.status, message: `The server answered ${statusLine(response.status)} without saying where the feed moved to: check the URL.` };
      }
      if (redirects >= MAX_REDIRECTS) {
        return refused(`The feed redirected more than ${MAX_REDIRECTS} times (last to ${location}): open the URL in a browser to find its final address, and use that.`);
      }
      try {
        current = new URL(location, current);
      } catch {
        return refused(`The feed redirected to "${location}", which is not a valid URL: check the URL, or tell the feed's owner.`);
      }
      continue;
    }

    if (response.status === 304) {
      discard(response);
      return { kind: 'not-modified' };
    }
    if (!response.ok) {
      discard(response);
      return httpFailure(response, options.apiKeyEnv);
    }

    const declared = contentLength(response.headers);
    if (declared !== undefined && declared > maxBytes) {
      discard(response);
      return tooLarge(maxBytes, declared);
    }

    const chunks: Uint8Array[] = [];
    let bytes = 0;
    if (response.body) {
      const reader = response.body.getReader();
      // A stalled body must end when the deadline passes, whatever the fetch implementation does.
      const onAbort = () => void reader.cancel(signal.reason).catch(() => undefined);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          bytes += value.byteLength;
          if (bytes > maxBytes) {
            void reader.cancel().catch(() => undefined);
            return tooLarge(maxBytes);
          }
          chunks.push(value);
        }
      } catch (error) {
        return failure(error, current.host, 'reading');
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
      // A cancel resolves a pending read as done, so an abort can look like the end of the body.
      if (signal.aborted) return failure(signal.reason, current.host, 'reading');
    }

    const contentType = response.headers.get('content-type') ?? undefined;
    const decoded = decode(Buffer.concat(chunks, bytes), contentType);
    if (decoded.kind === 'failed') return decoded;
    return {
      kind: 'fresh',
      body: decoded.text,
      ...optional('etag', response.headers.get('etag')),
      ...optional('lastModified', response.headers.get('last-modified')),
      ...optional('contentType', contentType),
      bytes,
      status: response.status,
      url: current.href,
    };
  }
}

/** A limit that is not a positive number (NaN, a negative) would mean no limit at all: the default instead. */
function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function requestHeaders(options: FetchFeedOptions, sameOrigin: boolean): Headers {
  // The caller's headers may carry a key: like fetch's own Authorization rule, they stay with the origin
  // they were meant for.
  const headers = new Headers(sameOrigin ? options.headers : undefined);
  headers.set('user-agent', options.userAgent ?? DEFAULT_USER_AGENT);
  headers.set('accept', options.accept ?? DEFAULT_ACCEPT);
  if (options.etag) headers.set('if-none-match', options.etag);
  if (options.lastModified) headers.set('if-modified-since', options.lastModified);
  return headers;
}

/** Lets go of a body we will not read, so the connection is freed (or closed). */
function discard(response: Response): void {
  void response.body?.cancel().catch(() => undefined);
}

function optional<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value === null || value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, string>);
}

function refused(message: string): FetchFailed {
  return { kind: 'failed', reason: 'refused', message };
}

function tooLarge(maxBytes: number, declared?: number): FetchFailed {
  const size = declared === undefined ? '' : ` (it says ${formatBytes(declared)})`;
  return { kind: 'failed', reason: 'too-large', message: `The feed is larger than ${formatBytes(maxBytes)}${size}; ask its owner for a smaller query, or raise the limit.` };
}

function contentLength(headers: Headers): number | undefined {
  const value = headers.get('content-length');
  return value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

function statusLine(status: number): string {
  const text = STATUS_CODES[status];
  return text ? `${status} ${text}` : String(status);
}

function httpFailure(response: Response, apiKeyEnv: string | undefined): FetchFailed {
  const status = response.status;
  const line = `The server answered ${statusLine(status)}`;
  const keyHint = apiKeyEnv ? ` (set ${apiKeyEnv} on the hub)` : '';
  let retryAfterMs: number | undefined;
  if (status === 429 || status === 503) retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const wait = retryAfterMs === undefined ? 'the hub tries again later' : `it asked to wait ${formatDuration(retryAfterMs)} before trying again`;

  let message: string;
  if (status === 401) message = `${line}: the API key is missing or wrong${keyHint}.`;
  else if (status === 403) message = `${line}: the hub is not allowed to read this feed; check the API key and what it may read${keyHint}.`;
  else if (status === 404 || status === 410) message = `${line}: check the URL.`;
  else if (status === 400 || status === 422) message = `${line}: the server did not accept the request; check the URL and the feed's query.`;
  else if (status === 429) message = `${line}: the hub reads the feed too often for the server; ${wait}.`;
  else if (status >= 500) message = `${line}: the problem is on the feed's side; ${wait}.`;
  else message = `${line}: the hub could not read the feed.`;
  return { kind: 'failed', reason: 'http', status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }), message };
}

/**
 * Retry-After as milliseconds from `now`: delay-seconds ("120") or an HTTP date. Undefined when absent
 * or unreadable; a date in the past is 0; anything over MAX_RETRY_AFTER_MS is capped there.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    // An HTTP date always names its zone (GMT); a bare number or a zone-less string is not one.
    if (!/[a-z]/i.test(text)) return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - now);
  }
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

/** The error code Node's fetch hides in `cause` (or in the first of several connection attempts). */
function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const record = current as { code?: unknown; errors?: unknown; cause?: unknown };
    if (typeof record.code === 'string') return record.code;
    if (Array.isArray(record.errors) && record.errors.length > 0) current = record.errors[0];
    else current = record.cause;
  }
  return undefined;
}

function networkMessage(error: unknown, host: string, phase: 'connecting' | 'reading'): string {
  const code = errorCode(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The host name ${host} was not found: check the URL, and that the hub can reach the internet.`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return `Could not connect to ${host} in time: check the URL, and that no firewall stands between the hub and the server.`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `The hub has no route to ${host}: check the hub's network connection.`;
  if (code === 'ECONNREFUSED') return `The server ${host} refused the connection: check the URL and its port, or whether the server is up.`;
  if (code && (/^(CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code) || code.includes('CERT'))) {
    return `The secure connection to ${host} failed (${code}): its certificate is not valid for that name or not trusted. Tell the feed's owner.`;
  }
  if (phase === 'reading') return `The connection to ${host} broke off before the whole feed arrived${code ? ` (${code})` : ''}; the hub tries again later.`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return `The server ${host} closed the connection without answering; the hub tries again later.`;
  const detail = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return `Could not reach ${host}${code ? ` (${code})` : ''}: ${detail}.`;
}

function decode(bytes: Uint8Array, contentType: string | undefined): { kind: 'text'; text: string } | FetchFailed {
  const charset = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1] : undefined;
  const label = charset !== undefined && knownCharset(charset) ? charset : 'UTF-8';
  const decoder = new TextDecoder(label, { fatal: true });
  try {
    return { kind: 'text', text: decoder.decode(bytes) };
  } catch {
    return { kind: 'failed', reason: 'encoding', message: `The feed is not valid ${label} text: ask its owner to serve it as UTF-8 (or to name its real charset in the Content-Type header).` };
  }
}

/** A charset TextDecoder does not know is read as UTF-8: what feeds are written in nearly always. */
function knownCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** "20 s", "250 ms", "5 min", "2 h 30 min" — for messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "10 MB", "512 KB", "900 bytes" — for messages (1 MB = 1024 × 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
