// The benchmark's view of the kiosk: a headless Chromium shaped like the kiosk (1920×1080, touch),
// the performance marks the kiosk sets, and its controls found by role and accessible name — the
// contract the UI keeps. A missing mark or control becomes a `Missing` error naming it, so the
// runner reports what it could not measure instead of crashing.
import { chromium, type Browser, type BrowserContext, type CDPSession, type Locator, type Page } from '@playwright/test';
import { DEVICE_STORAGE_KEY } from '../../src-renderer/core/screen';
import { CHROMIUM_ARGS, chromiumPath } from '../support/chromium';
import { templateDevice } from '../support/hub-template';

export const KIOSK_VIEWPORT = { width: 1920, height: 1080 };
export const MARKS = {
  scriptStart: 'kiosk/scriptStart',
  configReady: 'kiosk/configReady',
  attractReady: 'kiosk/attractReady',
  exploreInteractive: 'kiosk/exploreInteractive',
} as const;

/** One measured (or unmeasurable) figure, the unit of the printed tables and of latest.json. */
export interface Figure {
  label: string;
  value: number | null;
  unit: 'ms' | 'MB' | 'kB' | 'count' | 'bytes' | 's' | '×';
  /** The target from the performance anchors, for reading; nothing fails on it. */
  target?: { max: number; text: string };
  /** Spread, sample count, or why the value is missing. */
  note?: string;
}

/** A mark or control of the contract that the kiosk does not (yet) provide. */
export class Missing extends Error {
  override name = 'Missing';
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

/**
 * A kiosk's browser profile: empty (no store yet) but paired with the bench's hub as the template's
 * screen "Lobby", the way a screen is after pairing (the hub answers an unpaired screen 401).
 */
export async function newKioskContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: KIOSK_VIEWPORT, hasTouch: true, deviceScaleFactor: 1, locale: 'nl-BE' });
  const device = await templateDevice();
  await context.addInitScript(
    ([key, value]) => {
      if (!localStorage.getItem(key)) localStorage.setItem(key, value);
    },
    [DEVICE_STORAGE_KEY, JSON.stringify(device)] as const,
  );
  return context;
}

/** A page with a CDP session; `cpuThrottling` 1 means none. */
export async function newKioskPage(context: BrowserContext, cpuThrottling: number): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (cpuThrottling > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottling });
  return { page, cdp };
}

/** The start time (ms since navigation) of the first mark `name` at or after `after`, waiting for it. */
export async function waitForMark(page: Page, name: string, after = 0, timeoutMs = 120_000): Promise<number> {
  try {
    await page.waitForFunction(
      ([mark, from]) => performance.getEntriesByName(mark, 'mark').some((entry) => entry.startTime >= from),
      [name, after] as const,
      { timeout: timeoutMs, polling: 50 },
    );
  } catch (error) {
    throw new Missing(`mark \`${name}\` was not set within ${timeoutMs / 1000} s (${firstLine(error)})`);
  }
  return page.evaluate(([mark, from]) => performance.getEntriesByName(mark, 'mark').find((entry) => entry.startTime >= from)?.startTime ?? NaN, [name, after] as const);
}

/** The first mark `name` if it was set, without waiting. */
export function markTime(page: Page, name: string): Promise<number | null> {
  return page.evaluate((mark) => performance.getEntriesByName(mark, 'mark')[0]?.startTime ?? null, name);
}

/**
 * Taps `target` and returns when the touch reached the page, in the page's clock: the benchmark
 * times from the visitor's finger, not from when Playwright sent the command.
 */
export async function tapAndTime(page: Page, target: Locator): Promise<number> {
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  await page.evaluate(`(() => {
    window.benchTapAt = undefined;
    const record = (event) => { window.benchTapAt = Math.min(window.benchTapAt ?? Infinity, event.timeStamp); };
    for (const type of ['touchstart', 'pointerdown']) addEventListener(type, record, { capture: true, once: true });
  })()`);
  await target.tap();
  return page.evaluate(() => (window as unknown as { benchTapAt?: number }).benchTapAt ?? performance.now());
}

/**
 * A real tap (touchstart/pointerdown/touchend and the click they make, as a finger makes them, so
 * the idle guard sees the visitor) timed in the page: from the finger's lift (the touchend or
 * pointerup that makes the click) to the second animation frame after the click, by which time the
 * frame that paints the change has run. Not from touchstart: Playwright sends the touch's start and
 * end as two CDP messages, and the time between them is the harness's, not the kiosk's.
 * `target` must be on screen already: the tap skips Playwright's actionability wait.
 */
export async function tapRepaint(page: Page, target: Locator, timeoutMs = 300_000): Promise<number> {
  await page.evaluate(`(() => {
    window.benchTap = { start: undefined, end: undefined };
    const record = (event) => { window.benchTap.start = Math.min(window.benchTap.start ?? Infinity, event.timeStamp); };
    for (const type of ['touchend', 'pointerup']) addEventListener(type, record, { capture: true, once: true });
    addEventListener('click', () => requestAnimationFrame(() => requestAnimationFrame(() => { window.benchTap.end = performance.now(); })), { capture: true, once: true });
  })()`);
  // The touch's dispatch waits for the page's handlers: a slow tap (a city-sized "This week" at 4×
  // throttling) can take far longer than Playwright's default 30 s.
  await target.tap({ force: true, timeout: timeoutMs });
  try {
    await page.waitForFunction(() => (window as unknown as { benchTap: { end?: number } }).benchTap.end !== undefined, undefined, { timeout: timeoutMs, polling: 20 });
  } catch (error) {
    throw new Missing(`a tap brought no click and repaint within ${timeoutMs / 1000} s (${firstLine(error)})`);
  }
  const { start, end } = (await page.evaluate('window.benchTap')) as { start?: number; end: number };
  if (start === undefined || !Number.isFinite(start)) throw new Missing('a tap reached the page without a touchend or pointerup');
  return end - start;
}

/** A control of the contract; throws `Missing` with its description if it is not on screen. */
export async function control(locator: Locator, description: string, timeoutMs = 10_000): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    throw new Missing(`${description} is not on screen`);
  }
  return locator.first();
}

export const contract = {
  startButton: (page: Page, timeoutMs?: number) => control(page.getByRole('button', { name: /start/i }), 'the attract screen\'s button named "Start"', timeoutMs),
  languageButton: (page: Page, name: string) => control(page.getByRole('button', { name, exact: true }), `the language button "${name}"`),
  filters: (page: Page) => control(page.getByRole('region', { name: 'Filters' }), 'the region named "Filters"'),
  // Every activity in the list, not the "Show 40 more" button at its end.
  activityButtons: (page: Page) => page.getByRole('list', { name: 'Activities' }).getByRole('button', { name: /^(?!Show \d+ more$)/ }),
  sheet: (page: Page) => control(page.getByRole('dialog'), 'the activity sheet (a dialog)'),
  /** The site plan (in English): a region named "Site plan of …". */
  siteMap: (page: Page) => control(page.getByRole('region', { name: /^Site plan of / }), 'the region named "Site plan of …"'),
  /** The "When" segments in the order the FilterBar offers them (English names). */
  timeWindows: async (page: Page) => {
    const region = await contract.filters(page);
    const group = region.getByRole('group', { name: 'When' });
    const scope = (await group.count()) === 1 ? group : region;
    const found: { name: string; button: Locator }[] = [];
    for (const name of ['Now', 'Today', 'This week']) {
      const button = scope.getByRole('button', { name, exact: true });
      if ((await button.count()) === 1) found.push({ name, button });
    }
    if (found.length === 0) throw new Missing('no time window ("Now", "Today", "This week") in the region "Filters"');
    return found;
  },
};

/** Level chips by their English names, or else every `[aria-pressed]` chip in "Filters". */
export async function filterChips(page: Page): Promise<{ chips: Locator[]; how: string }> {
  const region = await contract.filters(page);
  const named = ['See-do', 'Do-together', 'Do-yourself'].map((name) => region.getByRole('button', { name, exact: true }));
  const counts = await Promise.all(named.map((chip) => chip.count()));
  if (counts.every((count) => count === 1)) return { chips: named, how: 'level chips See-do / Do-together / Do-yourself' };
  const pressable = region.locator('[aria-pressed]');
  const total = await pressable.count();
  if (total === 0) throw new Missing('no chip with aria-pressed in the region "Filters"');
  return { chips: Array.from({ length: total }, (_, index) => pressable.nth(index)), how: `all ${total} [aria-pressed] chips in "Filters" (level chips by name not found)` };
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
