// Placeholder policy until the polite fetcher lands (./fetch.ts, ./backoff.ts): one GET with a
// timeout, and a plain doubling back-off.
import type { CopyOutcome, FetchText } from './runner';

export const fetchText: FetchText = async (url, options): Promise<CopyOutcome> => {
  try {
    const response = await fetch(url, {
      headers: { ...(options.etag ? { 'If-None-Match': options.etag } : {}), ...(options.lastModified ? { 'If-Modified-Since': options.lastModified } : {}), ...(options.accept ? { Accept: options.accept } : {}), ...options.headers },
      signal: AbortSignal.timeout(20_000),
    });
    if (response.status === 304) return { kind: 'not-modified' };
    if (!response.ok) return { kind: 'failed', message: `The server answered ${response.status}.` };
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    return { kind: 'fresh', text: await response.text(), ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
  } catch (error) {
    return { kind: 'failed', message: `The feed could not be fetched: ${error instanceof Error ? error.message : String(error)}` };
  }
};

export function nextAttemptAt(state: { failures: number; lastAttemptAt: number; refreshMinutes: number; retryAfterMs?: number }): number {
  if (state.failures === 0) return state.lastAttemptAt + state.refreshMinutes * 60_000;
  return state.lastAttemptAt + Math.max(state.retryAfterMs ?? 0, Math.min(60_000 * 2 ** (state.failures - 1), state.refreshMinutes * 4 * 60_000));
}
