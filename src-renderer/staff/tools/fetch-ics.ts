// "Import from an address": fetching a partner's feed when the kiosk is online. The kiosk's CSP says
// `connect-src 'self'`, so a browser refuses any other origin before a byte leaves the machine; that
// refusal looks exactly like a network failure (a TypeError), so a failed cross-origin fetch is
// reported as "blocked by the kiosk's security policy", with the way around it (download the file
// elsewhere, choose it here). A same-origin address (a feed copied onto the kiosk's own server) works.
export type FetchFailure = 'invalid' | 'offline' | 'blocked' | 'timeout' | 'failed' | 'tooLarge';
export type FetchIcsResult = { ok: true; text: string } | { ok: false; reason: FetchFailure; detail?: string };

export interface FetchIcsOptions {
  online: boolean;
  /** The kiosk page's own origin (`location.origin`). */
  pageOrigin: string;
  /** Longer answers are refused (core/ical-import's MAX_ICS_CHARS). */
  maxChars: number;
  timeoutMs?: number;
  fetchFn?: typeof fetch;
}

export const FETCH_TIMEOUT_MS = 15_000;

export async function fetchIcs(address: string, options: FetchIcsOptions): Promise<FetchIcsResult> {
  let url: URL;
  try {
    // webcal:// is how calendar sites link a feed; it is plain http(s) underneath.
    url = new URL(address.replace(/^webcals?:\/\//i, 'https://'), options.pageOrigin);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'invalid' };
  if (!options.online) return { ok: false, reason: 'offline' };
  const sameOrigin = url.origin === options.pageOrigin;
  try {
    const response = await (options.fetchFn ?? fetch)(url, {
      signal: AbortSignal.timeout(options.timeoutMs ?? FETCH_TIMEOUT_MS),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
    });
    if (!response.ok) return { ok: false, reason: 'failed', detail: `HTTP ${response.status}` };
    const length = Number(response.headers.get('content-length') ?? '0');
    if (length > options.maxChars) return { ok: false, reason: 'tooLarge' };
    const text = await response.text();
    return text.length > options.maxChars ? { ok: false, reason: 'tooLarge' } : { ok: true, text };
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { ok: false, reason: 'timeout' };
    if (!sameOrigin) return { ok: false, reason: 'blocked' };
    return { ok: false, reason: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
}
