// Where a tap's time goes: a Chromium Performance trace (devtools.timeline) of one tap, its main-
// thread events inside the tap's window (touchstart → second frame after the click) split into
// self time by kind — scripting, style, layout, paint, compositing, other — the way the DevTools
// Performance panel sums them. Also the compositing layer count of a page (CDP LayerTree).
import type { Browser, CDPSession, Locator, Page } from '@playwright/test';
import { tapRepaint } from './kiosk';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

export type TapCost = Record<'scripting' | 'style' | 'layout' | 'paint' | 'compositing' | 'other', number> & { tapMs: number };

const KINDS: Record<string, keyof Omit<TapCost, 'tapMs'>> = {
  EvaluateScript: 'scripting',
  FunctionCall: 'scripting',
  EventDispatch: 'scripting',
  TimerFire: 'scripting',
  FireAnimationFrame: 'scripting',
  RunMicrotasks: 'scripting',
  'v8.compile': 'scripting',
  'v8.run': 'scripting',
  'V8.Execute': 'scripting',
  MinorGC: 'scripting',
  MajorGC: 'scripting',
  'BlinkGC.AtomicPhase': 'scripting',
  ParseHTML: 'scripting',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  'LayoutShift': 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  'Decode Image': 'paint',
  RasterTask: 'paint',
  Layerize: 'compositing',
  UpdateLayer: 'compositing',
  UpdateLayerTree: 'compositing',
  CompositeLayers: 'compositing',
  Commit: 'compositing',
};

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'];

/** Traces one tap on `target` and sums the renderer main thread's self time by kind inside it. */
export async function traceTap(browser: Browser, page: Page, target: Locator): Promise<TapCost> {
  await browser.startTracing(page, { categories: CATEGORIES });
  let tapMs: number;
  let buffer: Buffer;
  try {
    tapMs = await tapRepaint(page, target);
  } finally {
    buffer = await browser.stopTracing();
  }
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const touch = events.find((event) => event.name === 'EventDispatch' && (event.args?.data?.type === 'touchstart' || event.args?.data?.type === 'pointerdown'));
  if (!touch) throw new Error('the trace holds no touchstart dispatch');
  const from = touch.ts;
  const to = from + tapMs * 1000;
  const main = events.filter((event) => event.ph === 'X' && event.pid === touch.pid && event.tid === touch.tid && event.dur !== undefined && event.ts < to && event.ts + (event.dur ?? 0) > from);
  return { ...selfTimes(main, from, to), tapMs };
}

/**
 * Self time per kind: each event's duration minus its children's, clipped to [from, to]; an event of
 * no known kind counts as its nearest known ancestor's kind, or as "other".
 */
function selfTimes(events: readonly TraceEvent[], from: number, to: number): Omit<TapCost, 'tapMs'> {
  const totals = { scripting: 0, style: 0, layout: 0, paint: 0, compositing: 0, other: 0 };
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const stack: { end: number; kind: keyof typeof totals; last: number }[] = [];
  const credit = (kind: keyof typeof totals, start: number, end: number) => {
    const clipped = Math.min(end, to) - Math.max(start, from);
    if (clipped > 0) totals[kind] += clipped / 1000;
  };
  const popUntil = (time: number) => {
    while (stack.length > 0 && stack.at(-1)!.end <= time) {
      const top = stack.pop()!;
      credit(top.kind, top.last, top.end);
      if (stack.length > 0) stack.at(-1)!.last = top.end;
    }
  };
  for (const event of sorted) {
    popUntil(event.ts);
    const parent = stack.at(-1);
    if (parent) credit(parent.kind, parent.last, event.ts);
    const kind = KINDS[event.name] ?? parent?.kind ?? 'other';
    stack.push({ end: event.ts + (event.dur ?? 0), kind, last: event.ts });
  }
  popUntil(Number.POSITIVE_INFINITY);
  return totals;
}

/** The number of compositing layers the page has now (LayerTree.layerTreeDidChange). */
export async function layerCount(cdp: CDPSession, page: Page): Promise<number | null> {
  let latest: number | null = null;
  const listener = (event: { layers?: unknown[] }) => {
    if (event.layers) latest = event.layers.length;
  };
  cdp.on('LayerTree.layerTreeDidChange', listener);
  try {
    await cdp.send('LayerTree.enable');
    // A frame with a small change makes the compositor report its tree.
    await page.mouse.move(5, 5);
    await page.mouse.move(9, 9);
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    await page.waitForTimeout(500);
    await cdp.send('LayerTree.disable');
  } finally {
    cdp.off('LayerTree.layerTreeDidChange', listener);
  }
  return latest;
}
