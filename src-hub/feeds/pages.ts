// Walks a paged feed (OpenActive's RPDE, or any feed whose pages name the next one) from a cursor to
// its end, or as far as one read may go. It knows nothing of what a page holds: the caller fetches and
// parses (fetchFeed + a reader) and reports only how many items the page had and which URL is next.
//
// RPDE's rule for the end: the last page has no items and its `next` is the URL just read — that URL
// is where the next poll starts, to see what changed since. A page without `next` also ends the walk.
// A feed that keeps answering items with `next` pointing at the same URL (or back to a page already
// read in this walk) is broken: it is read once more, in case it was caught mid-update, and then the
// walk stops instead of looping.

export interface PageStep {
  /** The next page's URL as the page gave it (may be relative to the page's own URL). */
  next?: string;
  itemCount: number;
}

export interface WalkOptions<P extends PageStep> {
  /** Pages read at most in one walk; past it the walk stops with a cursor to continue from. */
  maxPages: number;
  /** Whether `page`, read from `url`, is the last one. @default RPDE's rule (see above) */
  isLastPage?: (page: P, url: string, next: string | undefined) => boolean;
}

export type WalkStop = 'last-page' | 'max-pages' | 'repeat' | 'error';

export interface WalkResult<P extends PageStep> {
  /** Every page read, in order. */
  pages: P[];
  /**
   * Where the next walk starts: the last page's URL when the walk reached the end (RPDE polls it for
   * changes), the unread next page after `max-pages`, the page that failed after `error`.
   */
  cursor: string;
  /** True when the walk reached the feed's last page. */
  complete: boolean;
  stop: WalkStop;
  /** What `fetchPage` threw, when `stop` is 'error'. */
  error?: unknown;
}

export const isRpdeLastPage = (page: PageStep, url: string, next: string | undefined): boolean =>
  next === undefined || (page.itemCount === 0 && next === url);

export async function walkPages<P extends PageStep>(
  firstUrl: string,
  fetchPage: (url: string) => Promise<P>,
  options: WalkOptions<P>,
): Promise<WalkResult<P>> {
  const isLastPage = options.isLastPage ?? isRpdeLastPage;
  const maxPages = Math.max(1, Math.floor(options.maxPages));
  const pages: P[] = [];
  const seen = new Set<string>();
  let url = resolve(firstUrl, firstUrl);
  let repeats = 0;
  for (;;) {
    let page: P;
    try {
      page = await fetchPage(url);
    } catch (error) {
      return { pages, cursor: url, complete: false, stop: 'error', error };
    }
    pages.push(page);
    seen.add(url);
    const next = page.next === undefined ? undefined : resolve(page.next, url);
    if (isLastPage(page, url, next)) return { pages, cursor: url, complete: true, stop: 'last-page' };
    if (next === undefined) return { pages, cursor: url, complete: true, stop: 'last-page' };
    if (seen.has(next)) {
      repeats++;
      if (repeats > 1) return { pages, cursor: next, complete: false, stop: 'repeat' };
    } else repeats = 0;
    if (pages.length >= maxPages) return { pages, cursor: next, complete: false, stop: 'max-pages' };
    url = next;
  }
}

function resolve(next: string, base: string): string {
  try {
    return new URL(next, base).href;
  } catch {
    return next;
  }
}
