// `POST /api/log`: a screen's log lines, written into the hub's log. Only the hub's own pages may post
// (the browser says where a request comes from in Sec-Fetch-Site and Origin), each client only so
// often, each entry small, and whatever it says is escaped so it can never forge a line of its own.
import * as v from 'valibot';
import { LogSchema } from '../../src-renderer/core/hub/contract';
import { escapeControls, type HubLog } from '../log';
import { readJsonBody } from './body';
import { HttpRefusal, validationRefusal } from './errors';
import type { RateLimit } from './limits';

/** An entry holds at most 2,000 characters of message; a UTF-8 body of 16 kB leaves room for escapes. */
export const MAX_LOG_BODY_BYTES = 16 * 1024;

/**
 * True when the browser vouches that the page posting is the hub's own. A request with neither
 * header (curl, a script) is no page at all and is refused as well.
 */
export function isSameOriginRequest(headers: Headers, requestUrl: string): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const origin = headers.get('origin');
  // Hosts, not whole origins: behind a TLS proxy the page is https:// while the hub hears http://.
  if (origin !== null && hostOf(origin) !== hostOf(requestUrl)) return false;
  return site !== null || origin !== null;
}

function hostOf(url: string): string | null {
  try {
    const host = new URL(url).host;
    return host === '' ? null : host.toLowerCase();
  } catch {
    return null;
  }
}

export async function receiveLogEntry(request: Request, client: string, limit: RateLimit, log: HubLog): Promise<v.InferOutput<typeof LogSchema>> {
  if (!isSameOriginRequest(request.headers, request.url)) {
    throw new HttpRefusal(403, { error: 'bad-request', message: 'Log entries are taken only from pages the hub serves itself.' });
  }
  if (!limit.take(client)) {
    throw new HttpRefusal(429, { error: 'rate-limited', message: 'Too many log entries from this screen; some are dropped.' }, { 'Retry-After': '10' });
  }
  const parsed = v.safeParse(LogSchema, await readJsonBody(request, MAX_LOG_BODY_BYTES));
  if (!parsed.success) throw validationRefusal('The log entry', parsed.issues);
  const { level, topic, message } = parsed.output;
  log[level]('renderer', `${escapeControls(client)} [${escapeControls(topic)}] ${escapeControls(message)}`);
  return parsed.output;
}
