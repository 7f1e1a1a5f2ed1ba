// Filter tap → map and list repainted: each tap is timed inside the page, from just before the
// chip's click() to the second animation frame after it (the frame that paints the new list and
// markers has run by then).
import type { Browser, ElementHandle, Locator, Page } from '@playwright/test';
import { contract, filterChips, MARKS, newKioskContext, newKioskPage, tapAndTime, waitForMark, type Figure } from './kiosk';
import { max, percentile } from './stats';

export interface FilterOptions {
  url: string;
  taps: number;
  cpuThrottling: number;
  targetMs: number;
}

export async function benchFilterTaps(browser: Browser, options: FilterOptions): Promise<{ figures: Figure[]; chips: string }> {
  const context = await newKioskContext(browser);
  try {
    const { page } = await newKioskPage(context, options.cpuThrottling);
    await page.goto(options.url);
    await waitForMark(page, MARKS.attractReady);
    const tappedAt = await tapAndTime(page, await contract.startButton(page));
    // Without the mark, the Filters region appearing is enough to start tapping.
    await waitForMark(page, MARKS.exploreInteractive, tappedAt, 60_000).catch(() => undefined);
    await (await contract.languageButton(page, 'English')).tap();
    const { chips, how } = await filterChips(page);
    const figures = await tapSeries(page, chips, options, 'opening window');
    // The widest "When" window lists the most activities: the heaviest repaint a visitor can cause.
    const week = (await contract.filters(page)).getByRole('button', { name: 'This week', exact: true });
    if ((await week.count()) === 1) {
      await week.tap();
      figures.push(...(await tapSeries(page, chips, options, '"This week"')));
    }
    return { figures, chips: how };
  } finally {
    await context.close();
  }
}

async function tapSeries(page: Page, chips: readonly Locator[], options: FilterOptions, window: string): Promise<Figure[]> {
  const durations: number[] = [];
  const listSizes: number[] = [];
  for (let tap = 0; tap < options.taps; tap++) {
    const chip = (await chips[tap % chips.length]?.elementHandle()) as ElementHandle<HTMLElement> | null;
    if (!chip) continue;
    durations.push(
      await chip.evaluate(async (element) => {
        const start = performance.now();
        element.click();
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await new Promise((resolve) => requestAnimationFrame(resolve));
        return performance.now() - start;
      }),
    );
    listSizes.push(await contract.activityButtons(page).count());
    // Let a trailing task (marker layer, list observers) finish, as a visitor's next tap would.
    await page.waitForTimeout(60);
  }
  const note = `${durations.length} taps, ${window}`;
  return [
    { label: `filter tap → repainted, p50 (${window})`, value: percentile(durations, 50), unit: 'ms', note },
    { label: `filter tap → repainted, p95 (${window})`, value: percentile(durations, 95), unit: 'ms', target: { max: options.targetMs, text: `≤ ${options.targetMs} ms` }, note },
    { label: `filter tap → repainted, max (${window})`, value: max(durations), unit: 'ms', note },
    { label: `activities listed (${window})`, value: max(listSizes), unit: 'count', note: listSizes.length ? `min ${Math.min(...listSizes)}, max ${Math.max(...listSizes)} while tapping` : 'list not found' },
  ];
}
