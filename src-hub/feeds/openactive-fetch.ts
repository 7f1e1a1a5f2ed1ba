// Reads an OpenActive RPDE feed onward from where the last read stopped: page after page from the
// stored `next`, each page checked whole and merged into the copy (RPDE's modified/id rules, deleted
// items as tombstones), until the feed's last page or a page budget per read. A page that fails or
// does not check fails the read: the stored copy and its cursor stay, and the next read resumes there.
import { parseOpenActiveCopy } from '../../src-renderer/core/feeds/openactive-copy';
import { isLastPage, mergeRpdeItems, nextPageUrl, readRpdePage, rpdeItemMap } from '../../src-renderer/core/feeds/openactive';
import type { CopyFetcher } from './runner';

/** Pages per read: a large feed's first sync spreads over several reads instead of one long one. */
export const RPDE_PAGES_PER_READ = 50;

export const fetchOpenActive: CopyFetcher = async (feed, stored, { fetchText }) => {
  const previous = stored?.copy === undefined ? undefined : parseOpenActiveCopy(stored.copy);
  let url = previous?.next ?? feed.url!;
  let items = rpdeItemMap(previous?.items ?? []);
  let changed = previous === undefined;
  for (let pages = 0; pages < RPDE_PAGES_PER_READ; pages++) {
    const outcome = await fetchText(url, { accept: 'application/json' });
    if (outcome.kind === 'not-modified') break;
    if (outcome.kind === 'failed') return outcome;
    let json: unknown;
    try {
      json = JSON.parse(outcome.text);
    } catch (error) {
      return { kind: 'failed', message: `The page ${url} is not JSON (${error instanceof Error ? error.message : String(error)}). The last good copy is kept.` };
    }
    const page = readRpdePage(json);
    if (!page.ok) return { kind: 'failed', message: `The page ${url} is not an RPDE page: ${page.error} The last good copy is kept.` };
    if (page.page.items.length > 0) changed = true;
    items = mergeRpdeItems(items, page.page);
    if (isLastPage(page.page, url)) break;
    const next = nextPageUrl(page.page, url);
    if (next === url) break;
    url = next;
    changed = true;
  }
  if (!changed) return { kind: 'not-modified' };
  return { kind: 'fresh', text: JSON.stringify({ next: url, items: [...items.values()] }) };
};
