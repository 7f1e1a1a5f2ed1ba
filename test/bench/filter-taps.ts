// Filter taps, pans and zooms on the Explore screen, side by side with a plain Leaflet page holding
// the same data (plain-leaflet.ts: canvas circle markers, and leaflet.markercluster), all in one
// Chromium, each page with the same CPU throttle. Every tap is a real touch (tapRepaint), timed in
// its page from the touch event to the second animation frame after the click; the kiosk's and the
// plain pages' taps alternate tap by tap, so a machine's noise falls on all of them alike. Then the
// same drags and wheel zooms on each map with the frame intervals recorded in the page, a trace of
// one "This week" tap (where its time goes) and the compositing layer count.
import type { Browser, CDPSession, Locator, Page } from '@playwright/test';
import { dragFrames, mergeFrames, zoomBy, zoomFrames, type FrameSample } from './gestures';
import { contract, filterChips, MARKS, Missing, newKioskContext, newKioskPage, tapAndTime, tapRepaint, waitForMark, type Figure } from './kiosk';
import { openPlainPage, PLAIN_VARIANTS, type PlainData, type PlainVariant } from './plain-leaflet';
import { max, percentile } from './stats';
import { layerCount, traceTap } from './trace';

export interface ExploreOptions {
  url: string;
  taps: number;
  cpuThrottling: number;
  /** Filter tap p95 target, ms. */
  targetMs: number;
  /** The plain Leaflet pages' data; without it, the kiosk alone. */
  plain?: PlainData;
  /** Drags and zooms per map (0: none). */
  gestures: number;
  /** Trace one "This week" tap and count compositing layers. */
  trace: boolean;
  /** How long the first start may take before the Start button shows, ms. */
  firstStartTimeoutMs: number;
}

interface Subject {
  name: 'ours' | PlainVariant;
  page: Page;
  cdp: CDPSession;
  chips: Locator[];
  windows: { name: string; button: Locator }[];
  map: Locator;
}

const FRAME_TARGET = { max: 16.7, text: '≤ 16.7 ms' };
const RATIO_TARGET = { max: 1.5, text: '≤ 1.5×' };

export async function benchExplore(browser: Browser, options: ExploreOptions): Promise<{ figures: Figure[]; notes: string[]; problems: string[] }> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  const problems: string[] = [];
  const contexts = [await newKioskContext(browser)];
  try {
    const ours = await openKiosk(contexts[0]!, options, notes);
    const subjects: Subject[] = [ours];
    if (options.plain) {
      const origin = new URL(options.url).origin;
      const size = (await ours.map.boundingBox()) ?? { width: 1200, height: 800 };
      for (const variant of PLAIN_VARIANTS) {
        const context = await newKioskContext(browser);
        contexts.push(context);
        const { page, cdp } = await newKioskPage(context, options.cpuThrottling);
        const started = performance.now();
        await openPlainPage(context, page, origin, variant, options.plain, size);
        notes.push(`plain page (${variant}): ${options.plain.markers.length} markers drawn in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        const region = page.getByRole('region', { name: 'Filters' });
        subjects.push({
          name: variant,
          page,
          cdp,
          chips: ['See-do', 'Do-together', 'Do-yourself'].map((name) => region.getByRole('button', { name, exact: true })),
          windows: ['Now', 'Today', 'This week'].map((name) => ({ name, button: region.getByRole('button', { name, exact: true }) })),
          map: page.getByRole('region', { name: 'Plain Leaflet map' }),
        });
      }
    }

    if (options.trace) {
      try {
        figures.push(...(await traceWeekTap(browser, ours)));
      } catch (error) {
        problems.push(`trace of a "This week" tap: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }

    for (const window of ours.windows) {
      for (const subject of subjects) {
        const button = subject.windows.find((candidate) => candidate.name === window.name)?.button;
        if (button) await tapRepaint(subject.page, button);
      }
      figures.push(...(await tapSeries(subjects, window.name, options)));
    }

    if (options.gestures > 0) figures.push(...(await gestures(subjects, options.gestures)));

    if (options.trace) {
      for (const subject of subjects) {
        if (subject.name === 'cluster') continue;
        const layers = await layerCount(subject.cdp, subject.page);
        figures.push({ label: `compositing layers on the map (${subject.name === 'ours' ? 'ours' : 'plain canvas'}, "${ours.windows.at(-1)?.name}")`, value: layers, unit: 'count', note: 'CDP LayerTree' });
      }
    }
  } catch (error) {
    problems.push(`${error instanceof Missing ? '' : 'failed: '}${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  } finally {
    for (const context of contexts) await context.close();
  }
  return { figures, notes, problems };
}

async function openKiosk(context: Awaited<ReturnType<typeof newKioskContext>>, options: ExploreOptions, notes: string[]): Promise<Subject> {
  const { page, cdp } = await newKioskPage(context, options.cpuThrottling);
  await page.goto(options.url);
  await waitForMark(page, MARKS.attractReady, 0, options.firstStartTimeoutMs);
  const tappedAt = await tapAndTime(page, await contract.startButton(page, options.firstStartTimeoutMs));
  // Without the mark, the Filters region appearing is enough to start tapping.
  await waitForMark(page, MARKS.exploreInteractive, tappedAt, 120_000).catch(() => undefined);
  await (await contract.languageButton(page, 'English')).tap();
  const { chips, how } = await filterChips(page);
  notes.push(`filter chips: ${how}`);
  const windows = await contract.timeWindows(page);
  notes.push(`time windows: ${windows.map((window) => `"${window.name}"`).join(', ')}`);
  return { name: 'ours', page, cdp, chips, windows, map: await contract.siteMap(page) };
}

async function tapSeries(subjects: readonly Subject[], window: string, options: ExploreOptions): Promise<Figure[]> {
  const durations = new Map<Subject['name'], number[]>(subjects.map((subject) => [subject.name, []]));
  const listSizes: number[] = [];
  const ours = subjects[0]!;
  for (let tap = 0; tap < options.taps; tap++) {
    for (const subject of subjects) {
      const chip = subject.chips[tap % subject.chips.length];
      if (!chip) continue;
      durations.get(subject.name)!.push(await tapRepaint(subject.page, chip));
      // Let a trailing task (marker layer, list observers) finish, as a visitor's next tap would.
      await subject.page.waitForTimeout(60);
    }
    if (tap % 4 === 0) listSizes.push(await contract.activityButtons(ours.page).count());
  }
  const mine = durations.get('ours')!;
  const note = `${mine.length} taps, ${window}`;
  const figures: Figure[] = [
    { label: `filter tap → repainted, p50 ("${window}")`, value: percentile(mine, 50), unit: 'ms', note },
    { label: `filter tap → repainted, p95 ("${window}")`, value: percentile(mine, 95), unit: 'ms', target: { max: options.targetMs, text: `≤ ${options.targetMs} ms` }, note },
    { label: `filter tap → repainted, max ("${window}")`, value: max(mine), unit: 'ms', note },
    { label: `activity buttons in the list ("${window}")`, value: max(listSizes), unit: 'count', note: listSizes.length ? `min ${Math.min(...listSizes)}, max ${Math.max(...listSizes)} while tapping (rendered buttons)` : 'list not found' },
  ];
  for (const variant of PLAIN_VARIANTS) {
    const theirs = durations.get(variant);
    if (!theirs || theirs.length === 0) continue;
    const what = variant === 'canvas' ? 'plain canvas' : 'plain markercluster';
    figures.push(
      { label: `  ${what}: tap p95 ("${window}")`, value: percentile(theirs, 95), unit: 'ms', note: `p50 ${fixed(percentile(theirs, 50))} ms, max ${fixed(max(theirs))} ms; interleaved tap by tap` },
      { label: `  ours ÷ ${what}, p50 ("${window}")`, value: ratio(percentile(mine, 50), percentile(theirs, 50)), unit: '×', ...(variant === 'canvas' ? { target: RATIO_TARGET } : {}) },
      { label: `  ours ÷ ${what}, p95 ("${window}")`, value: ratio(percentile(mine, 95), percentile(theirs, 95)), unit: '×', ...(variant === 'canvas' ? { target: RATIO_TARGET } : {}) },
    );
  }
  return figures;
}

/** The same drags and zooms on every map, interleaved: a drag on ours, on canvas, on cluster, again. */
async function gestures(subjects: readonly Subject[], rounds: number): Promise<Figure[]> {
  const drags = new Map<Subject['name'], FrameSample[]>(subjects.map((subject) => [subject.name, []]));
  const zooms = new Map<Subject['name'], FrameSample[]>(subjects.map((subject) => [subject.name, []]));
  // Half a zoom level in from the whole plan: about half of the markers stay in view, and a drag can move.
  for (const subject of subjects) await zoomBy(subject.page, subject.map, 1);
  for (let round = 0; round < rounds; round++) {
    for (const subject of subjects) drags.get(subject.name)!.push(await dragFrames(subject.page, subject.map, 400, 20));
    for (const subject of subjects) zooms.get(subject.name)!.push(await zoomFrames(subject.page, subject.map, 2));
  }
  const figures: Figure[] = [];
  for (const [kind, samples] of [
    ['drag', drags],
    ['wheel zoom', zooms],
  ] as const) {
    const ours = mergeFrames(samples.get('ours')!);
    figures.push(
      { label: `${kind}: frame interval p50 (ours)`, value: percentile(ours.intervals, 50), unit: 'ms', note: `${ours.intervals.length} frames drawn in ${rounds} ${kind}s` },
      { label: `${kind}: frame interval p95 (ours)`, value: percentile(ours.intervals, 95), unit: 'ms', target: FRAME_TARGET, note: `max ${fixed(max(ours.intervals))} ms` },
      { label: `${kind}: dropped frames (ours)`, value: ours.dropped, unit: 'count', note: 'frames a 60 Hz display would have shown and the page did not draw' },
    );
    for (const variant of PLAIN_VARIANTS) {
      const list = samples.get(variant);
      if (!list) continue;
      const theirs = mergeFrames(list);
      const what = variant === 'canvas' ? 'plain canvas' : 'plain markercluster';
      figures.push(
        { label: `  ${kind}: frame p95 (${what})`, value: percentile(theirs.intervals, 95), unit: 'ms', note: `p50 ${fixed(percentile(theirs.intervals, 50))} ms; ${theirs.intervals.length} frames drawn, ${theirs.dropped} dropped` },
        { label: `  ${kind}: ours ÷ ${what}, frame p95`, value: ratio(percentile(ours.intervals, 95), percentile(theirs.intervals, 95)), unit: '×' },
      );
    }
  }
  return figures;
}

/** One "This week" tap from "Today", traced; printed as where its time goes. */
async function traceWeekTap(browser: Browser, ours: Subject): Promise<Figure[]> {
  const today = ours.windows.find((window) => window.name === 'Today')?.button;
  const week = ours.windows.find((window) => window.name === 'This week')?.button;
  if (!today || !week) throw new Missing('the time windows "Today" and "This week"');
  await tapRepaint(ours.page, today);
  await ours.page.waitForTimeout(300);
  const cost = await traceTap(browser, ours.page, week);
  const kinds = ['scripting', 'style', 'layout', 'paint', 'compositing', 'other'] as const;
  const busy = kinds.reduce((sum, kind) => sum + cost[kind], 0);
  const share = (value: number) => `${cost.tapMs > 0 ? Math.round((value / cost.tapMs) * 100) : 0}% of the tap`;
  return [
    { label: '"This week" tap, traced (where a tap\'s time goes)', value: cost.tapMs, unit: 'ms', note: 'touchstart → second frame after the click; self time on the renderer main thread below; tracing adds overhead' },
    ...kinds.map((kind): Figure => ({ label: `  ${kind === 'style' ? 'style recalc' : kind === 'other' ? 'other tasks' : kind}`, value: cost[kind], unit: 'ms', note: share(cost[kind]) })),
    { label: '  main thread idle (waiting for frames, raster, GPU)', value: Math.max(0, cost.tapMs - busy), unit: 'ms', note: share(Math.max(0, cost.tapMs - busy)) },
  ];
}

function ratio(ours: number | null, theirs: number | null): number | null {
  return ours === null || theirs === null || theirs <= 0 ? null : ours / theirs;
}

function fixed(value: number | null): string {
  return value === null ? '—' : value.toFixed(1);
}
