// Load → interactive Explore map, from an empty store (first start: validation and seeding) and
// warm (the same context reloaded: the kiosk skips validation when the site files are unchanged).
import type { Browser, Page } from '@playwright/test';
import { contract, MARKS, Missing, markTime, newKioskContext, newKioskPage, tapAndTime, waitForMark, type Figure } from './kiosk';
import { median } from './stats';

export interface LoadOptions {
  url: string;
  runs: number;
  cpuThrottling: number;
  /** "load → interactive Explore" target in ms. */
  targetMs: number;
}

interface LoadSample {
  scriptStart: number | null;
  configReady: number | null;
  attractReady: number;
  exploreAfterTap: number | null;
}

export async function benchLoad(browser: Browser, options: LoadOptions): Promise<{ figures: Figure[]; problems: string[] }> {
  const cold: LoadSample[] = [];
  const warm: LoadSample[] = [];
  const problems = new Set<string>();
  for (let run = 0; run < options.runs; run++) {
    const context = await newKioskContext(browser);
    try {
      const { page } = await newKioskPage(context, options.cpuThrottling);
      await page.goto(options.url);
      cold.push(await measureStart(page, problems));
      await page.reload();
      warm.push(await measureStart(page, problems));
    } catch (error) {
      problems.add(error instanceof Missing ? error.message : `run ${run + 1} failed: ${String(error)}`);
      if (error instanceof Missing) break;
    } finally {
      await context.close();
    }
  }
  const figures = [...summarise('cold', cold, options), ...summarise('warm', warm, options)];
  return { figures, problems: [...problems] };
}

async function measureStart(page: Page, problems: Set<string>): Promise<LoadSample> {
  const attractReady = await waitForMark(page, MARKS.attractReady);
  const sample: LoadSample = {
    scriptStart: await markTime(page, MARKS.scriptStart),
    configReady: await markTime(page, MARKS.configReady),
    attractReady,
    exploreAfterTap: null,
  };
  if (sample.scriptStart === null) problems.add(`mark \`${MARKS.scriptStart}\` is missing`);
  if (sample.configReady === null) problems.add(`mark \`${MARKS.configReady}\` is missing`);
  try {
    const tappedAt = await tapAndTime(page, await contract.startButton(page));
    sample.exploreAfterTap = (await waitForMark(page, MARKS.exploreInteractive, tappedAt, 60_000)) - tappedAt;
  } catch (error) {
    if (!(error instanceof Missing)) throw error;
    problems.add(error.message);
  }
  return sample;
}

function summarise(kind: 'cold' | 'warm', samples: readonly LoadSample[], options: LoadOptions): Figure[] {
  const values = (pick: (sample: LoadSample) => number | null) => samples.map(pick).filter((value): value is number => value !== null && Number.isFinite(value));
  const figure = (label: string, pick: (sample: LoadSample) => number | null, target?: Figure['target']): Figure => {
    const list = values(pick);
    return {
      label: `${label} (${kind})`,
      value: median(list),
      unit: 'ms',
      ...(target ? { target } : {}),
      note: list.length === 0 ? 'not measured' : `median of ${list.length}, range ${Math.round(Math.min(...list))}–${Math.round(Math.max(...list))}`,
    };
  };
  return [
    figure('load → scriptStart', (sample) => sample.scriptStart),
    figure('load → configReady', (sample) => sample.configReady),
    figure('load → attractReady', (sample) => sample.attractReady),
    figure('Start tap → exploreInteractive', (sample) => sample.exploreAfterTap),
    figure(
      'load → interactive Explore',
      (sample) => (sample.exploreAfterTap === null ? null : sample.attractReady + sample.exploreAfterTap),
      { max: options.targetMs, text: `≤ ${options.targetMs} ms` },
    ),
  ];
}
