// Heap after many scripted visitor sessions against the heap after 10. A session: tap Start, switch
// to English (so the contract's English names apply), tap a filter chip, open an activity, add it
// to the path, close the sheet, then wait out the idle timeout and its warning on Playwright's
// fake clock, which brings the kiosk back to the attract screen. No CPU throttling here: it would
// only make 1,000 sessions slower, not the heap larger.
import type { Browser, CDPSession, Page } from '@playwright/test';
import { contract, filterChips, Missing, newKioskContext, newKioskPage, type Figure } from './kiosk';

export interface MemoryOptions {
  url: string;
  sessions: number;
  /** Stop early (and say so) when the sessions would take longer than this. */
  budgetSeconds: number;
  idle: { timeoutSeconds: number; warningSeconds: number };
  targetMb: number;
  /** How long the first start may take before the attract screen shows, ms (a large site's first start is long). */
  firstStartTimeoutMs: number;
}

interface Snapshot {
  session: number;
  heapMb: number;
  nodes: number;
  listeners: number;
  documents: number;
}

export async function benchMemory(browser: Browser, options: MemoryOptions): Promise<{ figures: Figure[]; problems: string[]; secondsPerSession: number | null }> {
  const context = await newKioskContext(browser);
  const problems: string[] = [];
  const snapshots: Snapshot[] = [];
  let startedAt = performance.now();
  let attractWaitMs: number | null = null;
  let seedWaitMs: number | null = null;
  let completed = 0;
  try {
    const { page, cdp } = await newKioskPage(context, 1);
    await cdp.send('Performance.enable');
    await page.clock.install();
    await page.goto(options.url);
    // Playwright's fake clock replaces `performance`, so the kiosk's marks are not readable here:
    // the wait for the Start button is the figure (the clock still runs at real speed until the
    // sessions start stepping it).
    const loading = performance.now();
    await contract.startButton(page, options.firstStartTimeoutMs);
    attractWaitMs = performance.now() - loading;
    // A first start shows the site before its activities are stored: the sessions (and the heap
    // baseline) wait for the copy to be complete, or the growth would be the seed landing.
    await seeded(page, options.firstStartTimeoutMs);
    seedWaitMs = performance.now() - loading;
    startedAt = performance.now();
    const baselineAt = Math.min(10, options.sessions);
    for (let session = 1; session <= options.sessions; session++) {
      await visitorSession(page, session, options);
      completed = session;
      const overBudget = options.budgetSeconds > 0 && session > baselineAt && (performance.now() - startedAt) / 1000 > options.budgetSeconds;
      if (session === baselineAt || session === options.sessions || overBudget) snapshots.push(await snapshot(cdp, session));
      if (overBudget && session < options.sessions) {
        problems.push(`stopped after ${session} of ${options.sessions} sessions: the ${options.budgetSeconds} s budget ran out (BENCH_SESSION_BUDGET_S)`);
        break;
      }
      if (session % 100 === 0) process.stdout.write(`    … ${session} sessions, ${((performance.now() - startedAt) / 1000).toFixed(0)} s\n`);
    }
  } catch (error) {
    problems.push(`${error instanceof Missing ? '' : 'failed: '}${error instanceof Error ? error.message.split('\n')[0] : String(error)} (after ${completed} sessions)`);
  } finally {
    await context.close();
  }
  const seconds = (performance.now() - startedAt) / 1000;
  const secondsPerSession = completed > 0 ? seconds / completed : null;
  const figures: Figure[] = [
    { label: 'soak: first start → Start on screen (no throttling)', value: attractWaitMs, unit: 'ms', note: `the soak waits up to ${options.firstStartTimeoutMs / 1000} s for it (BENCH_FIRST_START_TIMEOUT_S)` },
    { label: 'soak: first start → whole site stored (no throttling)', value: seedWaitMs, unit: 'ms', note: 'the sessions and the heap baseline start after it' },
    ...figuresOf(snapshots, options),
    { label: 'soak: seconds per session', value: secondsPerSession, unit: 's', note: secondsPerSession === null ? 'no session completed' : `${completed} sessions; 1,000 would take ${Math.round((secondsPerSession * 1000) / 60)} min` },
  ];
  return { figures, problems, secondsPerSession };
}

// Every control is awaited visible first; the taps then skip Playwright's own actionability wait
// (`force`), which would otherwise take most of a session's time.
const TAP = { force: true } as const;

async function visitorSession(page: Page, session: number, options: MemoryOptions): Promise<void> {
  await (await contract.startButton(page)).tap(TAP);
  await (await contract.languageButton(page, 'English')).tap(TAP);
  const { chips } = await filterChips(page);
  const chip = chips[session % chips.length];
  if (chip) await chip.tap(TAP);
  const items = contract.activityButtons(page);
  // The list fills from the store after the Explore screen shows (seconds on a city-sized site, more
  // in the first session): wait for it before calling it empty.
  const listed = async (timeoutMs: number) => {
    try {
      await items.first().waitFor({ state: 'visible', timeout: timeoutMs });
      return true;
    } catch {
      return false;
    }
  };
  // A chip that empties the list is tapped again, and at night (the fake clock runs a day in ~800
  // sessions) nothing is on "now": the visitor widens to "This week". The session still opens one.
  if (!(await listed(session === 1 ? options.firstStartTimeoutMs : 5_000)) && chip) await chip.tap(TAP);
  if (!(await listed(2_000))) await (await contract.filters(page)).getByRole('button', { name: 'This week', exact: true }).tap(TAP);
  if (!(await listed(60_000))) throw new Missing('the list "Activities" shows no activity buttons, even for "This week"');
  // One of the first rows: the list draws a few rows beyond its viewport, which a finger cannot reach.
  await items.nth(session % Math.min(5, await items.count())).tap(TAP);
  const sheet = await contract.sheet(page);
  const add = sheet.getByRole('button', { name: 'Add to my path' });
  if ((await add.count()) === 0) throw new Missing('the sheet has no button "Add to my path"');
  if (await add.isEnabled()) await add.tap(TAP);
  const close = sheet.getByRole('button', { name: 'Close', exact: true });
  if ((await close.count()) === 0) throw new Missing('the sheet has no button "Close"');
  await close.tap(TAP);
  await sheet.waitFor({ state: 'hidden', timeout: 10_000 });
  await page.clock.runFor((options.idle.timeoutSeconds + options.idle.warningSeconds + 2) * 1000);
  try {
    await page.getByRole('button', { name: /start/i }).first().waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    throw new Missing(`the idle reset did not bring back the attract screen after ${options.idle.timeoutSeconds + options.idle.warningSeconds} s of fake time`);
  }
}

async function snapshot(cdp: CDPSession, session: number): Promise<Snapshot> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? NaN;
  return {
    session,
    heapMb: metric('JSHeapUsedSize') / 1024 / 1024,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    documents: metric('Documents'),
  };
}

function figuresOf(snapshots: readonly Snapshot[], options: MemoryOptions): Figure[] {
  const [first, last] = [snapshots[0], snapshots.at(-1)];
  if (!first || !last || first === last) {
    return [{ label: 'heap growth over the sessions', value: null, unit: 'MB', target: { max: options.targetMb, text: `≤ ${options.targetMb} MB` }, note: 'not measured' }];
  }
  const span = `session ${first.session} → ${last.session}`;
  return [
    {
      label: `heap growth, ${span}`,
      value: last.heapMb - first.heapMb,
      unit: 'MB',
      target: { max: options.targetMb, text: `≤ ${options.targetMb} MB` },
      note: `JSHeapUsedSize after 2× GC: ${first.heapMb.toFixed(2)} → ${last.heapMb.toFixed(2)} MB`,
    },
    { label: `DOM nodes, ${span}`, value: last.nodes - first.nodes, unit: 'count', note: `${first.nodes} → ${last.nodes}` },
    { label: `JS event listeners, ${span}`, value: last.listeners - first.listeners, unit: 'count', note: `${first.listeners} → ${last.listeners}` },
    { label: `documents, ${span}`, value: last.documents - first.documents, unit: 'count', note: `${first.documents} → ${last.documents}` },
  ];
}

/** Waits until the kiosk's copy holds the whole seed: its files' hash stored, no seeding run left. */
async function seeded(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('wegwijzer');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const meta = db.transaction('meta', 'readonly').objectStore('meta');
            const hash = meta.get('bundleHash');
            const seeding = meta.get('seeding');
            seeding.onsuccess = () => {
              db.close();
              resolve(hash.result !== undefined && seeding.result === undefined);
            };
            seeding.onerror = () => {
              db.close();
              resolve(false);
            };
          } catch {
            db.close();
            resolve(false);
          }
        };
      }),
    undefined,
    { timeout: timeoutMs, polling: 500 },
  );
}
