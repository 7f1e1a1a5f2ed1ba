// How the hub's feed runner fetches and backs off: the polite fetcher (./fetch.ts) as the runner's
// FetchText, the back-off policy (./backoff.ts), and the UiTdatabank Search API read page by page.
import { UIT_API_KEY_HEADER, UIT_PAGE_SIZE, uitNextStart, uitSearchUrl } from '../../src-renderer/core/feeds/uitdatabank';
import { startOfLocalDay } from '../../src-renderer/core/timing';
import { fetchFeed, type FetchFeedOptions } from './fetch';
import type { CopyFetcher, CopyOutcome, FetchText } from './runner';

export { nextAttemptAt } from './backoff';

/** The runner's FetchText over fetchFeed, with limits other than the defaults (tests use small ones). */
export function makeFetchText(limits: Pick<FetchFeedOptions, 'timeoutMs' | 'maxBytes'> = {}): FetchText {
  return (url, options) => fetchText(url, { ...options, ...limits });
}

export const fetchText = async (url: string, options: FetchFeedOptions): Promise<CopyOutcome> => {
  const outcome = await fetchFeed(url, options);
  if (outcome.kind === 'fresh') return { kind: 'fresh', text: outcome.body, ...(outcome.etag ? { etag: outcome.etag } : {}), ...(outcome.lastModified ? { lastModified: outcome.lastModified } : {}) };
  if (outcome.kind === 'not-modified') return outcome;
  return { kind: 'failed', message: outcome.message, ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }) };
};

/**
 * A UiTdatabank search, every page of it (up to UIT_MAX_ITEMS), as one copy: `{ member: [...] }`.
 * The key goes in the `x-api-key` header, never in the URL (which ends up in logs).
 */
export const fetchUitdatabank: CopyFetcher = async (feed, _stored, { fetchText: get, env, site, now }) => {
  const key = env[feed.apiKeyEnv];
  const headers = key ? { [UIT_API_KEY_HEADER]: key } : undefined;
  const window = { from: startOfLocalDay(now, site.site.timeZone), days: feed.days };
  const member: unknown[] = [];
  let start: number | undefined = 0;
  while (start !== undefined) {
    const url = uitSearchUrl(feed.url!, feed, site.site, start, UIT_PAGE_SIZE, window);
    const outcome = await get(url, { accept: 'application/ld+json, application/json;q=0.9', ...(headers ? { headers } : {}) });
    if (outcome.kind === 'failed') return outcome;
    if (outcome.kind === 'not-modified') return { kind: 'failed', message: 'The Search API answered 304 to a request without validators.' };
    let page: unknown;
    try {
      page = JSON.parse(outcome.text);
    } catch (error) {
      return { kind: 'failed', message: `The Search API answered something that is not JSON (${error instanceof Error ? error.message : String(error)}).` };
    }
    const members = (page as { member?: unknown }).member;
    if (!Array.isArray(members)) return { kind: 'failed', message: 'The Search API answer has no "member" list; check the URL (it should be the Search API, e.g. https://search.uitdatabank.be).' };
    member.push(...members);
    start = uitNextStart(page, start);
  }
  return { kind: 'fresh', text: JSON.stringify({ member, totalItems: member.length }) };
};
