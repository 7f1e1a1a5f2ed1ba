// Pan and zoom on a map, timed frame by frame inside the page: a requestAnimationFrame loop records
// every frame's time while the gesture runs, and the intervals between frames are the figure (a
// smooth gesture draws one every 16.7 ms at 60 Hz). Drags are mouse drags on the map (Leaflet
// handles mouse and touch through the same pointer events); zooms are wheel steps at the map's centre.
import type { Locator, Page } from '@playwright/test';

export interface FrameSample {
  /** Intervals between consecutive frames during the gestures, ms. */
  intervals: number[];
  /** Frames a 60 Hz display would have shown but the page did not draw. */
  dropped: number;
}

const FRAME_MS = 1000 / 60;

async function startFrames(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.benchFrames = { times: [], running: true };
    const tick = (time) => { window.benchFrames.times.push(time); if (window.benchFrames.running) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
}

async function stopFrames(page: Page): Promise<FrameSample> {
  const times = (await page.evaluate('(() => { window.benchFrames.running = false; return window.benchFrames.times; })()')) as number[];
  const intervals = times.slice(1).map((time, index) => time - (times[index] ?? time));
  const dropped = intervals.reduce((sum, interval) => sum + Math.max(0, Math.round(interval / FRAME_MS) - 1), 0);
  return { intervals, dropped };
}

async function centreOf(map: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await map.boundingBox();
  if (!box) throw new Error('the map has no box on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, width: box.width, height: box.height };
}

/** Waits until the page has drawn two frames: what the gesture started has been painted. */
async function settle(page: Page): Promise<void> {
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}

/**
 * Zooms in by `steps` small wheel notches at the centre (negative: out), before measuring; a notch of
 * 50 px is half a zoom level in Leaflet (zoomSnap 0.25), so one notch from the whole plan keeps about
 * half of the markers in view and leaves room to drag.
 */
export async function zoomBy(page: Page, map: Locator, steps: number): Promise<void> {
  const centre = await centreOf(map);
  await page.mouse.move(centre.x, centre.y);
  for (let step = 0; step < Math.abs(steps); step++) {
    await page.mouse.wheel(0, steps > 0 ? -50 : 50);
    await page.waitForTimeout(350);
  }
  await settle(page);
}

/** One drag across the map and back: `distance` px to the right and down in `moves` mouse moves each way. */
export async function dragFrames(page: Page, map: Locator, distance: number, moves: number): Promise<FrameSample> {
  const centre = await centreOf(map);
  await page.mouse.move(centre.x - distance / 2, centre.y - distance / 4);
  await startFrames(page);
  await page.mouse.down();
  await page.mouse.move(centre.x + distance / 2, centre.y + distance / 4, { steps: moves });
  await page.mouse.move(centre.x - distance / 2, centre.y - distance / 4, { steps: moves });
  await page.mouse.up();
  await settle(page);
  return stopFrames(page);
}

/** Wheel zooms in and out again at the centre, each step waiting out Leaflet's zoom animation. */
export async function zoomFrames(page: Page, map: Locator, steps: number): Promise<FrameSample> {
  const centre = await centreOf(map);
  await page.mouse.move(centre.x, centre.y);
  await startFrames(page);
  for (const direction of [-1, 1]) {
    for (let step = 0; step < steps; step++) {
      await page.mouse.wheel(0, direction * 100);
      await page.waitForTimeout(350);
    }
  }
  await settle(page);
  return stopFrames(page);
}

export function mergeFrames(samples: readonly FrameSample[]): FrameSample {
  return { intervals: samples.flatMap((sample) => sample.intervals), dropped: samples.reduce((sum, sample) => sum + sample.dropped, 0) };
}
