import fc from 'fast-check';
import { encodeFollowUpCode, parseFollowUpHash, type FollowUpItem } from '../../src-renderer/core/path-code';
import { expect, PHONE, test, type InPage } from './follow-fixtures';

test.use(PHONE);

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('');
const SEED = 20_260_329;

/** Any text at all: printable, unicode, markup, URL-ish, and base64url-looking strings. */
function randomCodes(count: number): string[] {
  const arbitrary = fc.oneof(
    fc.string({ minLength: 1, maxLength: 80 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 1, maxLength: 120 }),
    fc.constantFrom('<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">', '"><svg onload=window.__pwned=1>', 'javascript:alert(1)', 'a/', 'a/<b>', 'a/../../etc', '%00', '#', '##'),
  );
  return fc.sample(arbitrary, { numRuns: count, seed: SEED });
}

/** Valid codes, then damaged the ways a camera, a chat app or a person damages them. */
function mutatedCodes(count: number): string[] {
  const item = fc.oneof(
    fc.record({ kind: fc.constant('activity' as const), id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/) }),
    fc.record({
      kind: fc.constant('booking' as const),
      spaceId: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,12}$/),
      start: fc.integer({ min: 0, max: 2 ** 30 - 1 }).map((minutes) => minutes * 60_000),
      minutes: fc.integer({ min: 1, max: 4095 }),
      code: fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'.split('')), minLength: 6, maxLength: 6 }),
    }),
  );
  const valid = fc.array(item, { minLength: 1, maxLength: 24 }).map((items: FollowUpItem[]) => encodeFollowUpCode(items));
  const mutation = fc.oneof(
    // One flipped bit in the decoded bytes shows up as a different base64url character.
    fc.tuple(valid, fc.nat(), fc.integer({ min: 1, max: 63 })).map(([code, at, xor]) => {
      const index = at % code.length;
      const value = BASE64URL.indexOf(code.charAt(index)) ^ xor;
      return code.slice(0, index) + (BASE64URL[value] ?? 'A') + code.slice(index + 1);
    }),
    fc.tuple(valid, fc.nat()).map(([code, cut]) => code.slice(0, cut % code.length)),
    fc.tuple(valid, fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 1, maxLength: 8 })).map(([code, extra]) => code + extra),
    // Wrong version: the first byte is the version, so the first character changes it.
    fc.tuple(valid, fc.constantFrom('C', 'D', 'E', '_')).map(([code, first]) => first + code.slice(1)),
    fc.tuple(valid, fc.integer({ min: 513, max: 100_000 })).map(([code, length]) => code.repeat(Math.ceil(length / code.length)).slice(0, length)),
  );
  return fc.sample(mutation, { numRuns: count, seed: SEED + 1 });
}

interface Visit {
  hash: string;
  page: string | undefined;
  heading: string;
  scripts: number;
  handlers: number;
  pwned: boolean;
}

test('1,000 random and 1,000 mutated codes always get the friendly page, with nothing injected', async ({ page, follow, pageErrors }) => {
  test.setTimeout(120_000);
  const site = await follow();
  const codes = [...randomCodes(1000), ...mutatedCodes(1000)].filter((code) => code.trim() !== '');
  expect(codes.length).toBeGreaterThan(1990);

  await page.goto(`${site.url}#start`);
  await expect(page.locator('main[data-page="unreadable"]')).toBeVisible();
  const baseline = await page.evaluate(() => (globalThis as InPage).document.querySelectorAll('script').length as number);

  // One page, fragment changes only (no reloads): the way a phone's browser reuses an open tab.
  const visits = await page.evaluate(async (all: string[]): Promise<Visit[]> => {
    const { document, location, window } = globalThis as InPage;
    const results: Visit[] = [];
    // Svelte flushes in a microtask queued by the page's own hashchange listener, which runs before
    // ours: a few microtask turns later the DOM is up to date (no timers, which the fixed clock slows).
    const settled = async (): Promise<void> => {
      for (let turn = 0; turn < 3; turn++) await Promise.resolve();
    };
    for (const code of all) {
      const before = location.hash;
      const changed = new Promise<void>((resolve) => window.addEventListener('hashchange', () => resolve(), { once: true }));
      location.hash = code;
      if (location.hash !== before) await changed;
      await settled();
      const main = document.querySelector('main');
      results.push({
        hash: location.hash,
        page: main?.dataset.page,
        heading: document.querySelector('main h1')?.textContent ?? '',
        scripts: document.querySelectorAll('script').length,
        handlers: [...document.querySelectorAll('*')].filter((element: InPage) => [...element.attributes].some((attribute: InPage) => attribute.name.startsWith('on'))).length,
        pwned: 'pwned' in window || '__pwned' in window,
      });
    }
    return results;
  }, codes);

  expect(visits).toHaveLength(codes.length);
  const wrong = visits.filter((visit) => {
    // What the browser made of the fragment decides the page; the codec says which one is right.
    const parsed = parseFollowUpHash(visit.hash);
    const expected = parsed.kind === 'empty' ? 'home' : parsed.kind === 'activity' ? 'unknown-activity' : parsed.result.ok ? 'path' : 'unreadable';
    if (visit.page !== expected) return true;
    if (expected === 'unreadable' && visit.heading !== 'Deze code konden we niet lezen') return true;
    return visit.scripts !== baseline || visit.handlers !== 0 || visit.pwned;
  });
  expect(wrong.slice(0, 5)).toEqual([]);
  // Nearly all of them must really be damaged codes, or the test would prove little.
  expect(visits.filter((visit) => visit.page === 'unreadable').length).toBeGreaterThan(1900);
  expect(pageErrors).toEqual([]);
});
