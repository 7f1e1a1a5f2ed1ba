// Starts: "first start ever" is a fresh browser context (an empty store: validation and seeding, as
// for a reinstalled kiosk, a wiped browser profile, a screen paired with a new hub) until the attract
// screen is interactive (the mark kiosk/attractReady, then the Start button on screen); "warm start"
// is the same context reloaded (the kiosk skips validation when the site files are unchanged). Each
// start then taps Start as soon as it can and times the Explore screen becoming interactive.
import type { Browser, Page } from '@playwright/test';
import { contract, MARKS, Missing, markTime, newKioskContext, newKioskPage, tapAndTime, waitForMark, type Figure } from './kiosk';
import { median } from './stats';

export interface LoadOptions {
  url: string;
  runs: number;
  cpuThrottling: number;
  /** Targets for "→ attract interactive", ms; none where the issue gives none. */
  firstStartTargetMs?: number;
  warmStartTargetMs?: number;
  /** How long a first start may take, ms. */
  timeoutMs: number;
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
      cold.push(await measureStart(page, problems, options.timeoutMs));
      await page.reload();
      warm.push(await measureStart(page, problems, options.timeoutMs));
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

async function measureStart(page: Page, problems: Set<string>, timeoutMs: number): Promise<LoadSample> {
  const attractReady = await waitForMark(page, MARKS.attractReady, 0, timeoutMs);
  const sample: LoadSample = {
    scriptStart: await markTime(page, MARKS.scriptStart),
    configReady: await markTime(page, MARKS.configReady),
    attractReady,
    exploreAfterTap: null,
  };
  if (sample.scriptStart === null) problems.add(`mark \`${MARKS.scriptStart}\` is missing`);
  if (sample.configReady === null) problems.add(`mark \`${MARKS.configReady}\` is missing`);
  try {
    const tappedAt = await tapAndTime(page, await contract.startButton(page, timeoutMs));
    sample.exploreAfterTap = (await waitForMark(page, MARKS.exploreInteractive, tappedAt, timeoutMs)) - tappedAt;
  } catch (error) {
    if (!(error instanceof Missing)) throw error;
    problems.add(error.message);
  }
  return sample;
}

function summarise(kind: 'cold' | 'warm', samples: readonly LoadSample[], options: LoadOptions): Figure[] {
  const values = (pick: (sample: LoadSample) => number | null) => samples.map(pick).filter((value): value is number => value !== null && Number.isFinite(value));
  const figure = (label: string, pick: (sample: LoadSample) => number | null, targetMs?: number): Figure => {
    const list = values(pick);
    return {
      label,
      value: median(list),
      unit: 'ms',
      ...(targetMs === undefined ? {} : { target: { max: targetMs, text: `≤ ${targetMs.toLocaleString('en')} ms` } }),
      note: list.length === 0 ? 'not measured' : `median of ${list.length}, range ${Math.round(Math.min(...list))}–${Math.round(Math.max(...list))}`,
    };
  };
  const start = kind === 'cold' ? 'first start ever (empty store)' : 'warm start (reload)';
  return [
    figure(`${start} → scriptStart`, (sample) => sample.scriptStart),
    figure(`${start} → configReady`, (sample) => sample.configReady),
    figure(`${start} → attract interactive`, (sample) => sample.attractReady, kind === 'cold' ? options.firstStartTargetMs : options.warmStartTargetMs),
    figure(`${start}: Start tap → Explore interactive`, (sample) => sample.exploreAfterTap),
    figure(`${start} → Explore interactive`, (sample) => (sample.exploreAfterTap === null ? null : sample.attractReady + sample.exploreAfterTap)),
  ];
}
