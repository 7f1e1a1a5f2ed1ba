// What the sample site should show at a given instant, computed in Node by the same domain core the
// kiosk uses (which has its own unit tests). The end-to-end tests check that the screens show it.
import { EMPTY_FILTER, filterActivities, type ActivityFilter } from '../../src-renderer/core/filters';
import { loadSiteConfig } from '../../src-renderer/core/config';
import type { SiteConfig } from '../../src-renderer/core/model';
import { expandAll } from '../../src-renderer/core/schedule';
import { groupInRange } from '../../src-renderer/core/timing';
import { buildFilterIndex } from '../../src-renderer/core/filter-index';
import { attractProgramme } from '../../src-renderer/core/programme';
import { readSiteBundle } from '../../src-hub/site/read';
import { FIXED_NOW, SAMPLE_SITE } from './fixtures';

export async function sampleConfig(dir: string = SAMPLE_SITE): Promise<SiteConfig> {
  const result = loadSiteConfig(await readSiteBundle(dir), { now: FIXED_NOW.getTime() });
  if (!result.ok) throw new Error(`The sample site does not validate: ${JSON.stringify(result.errors)}`);
  return result.config;
}

export function expectedMatches(config: SiteConfig, change: Partial<ActivityFilter> = {}, now: number = FIXED_NOW.getTime()) {
  const occurrences = expandAll(config, now - 86_400_000, now + 10 * 86_400_000);
  const byActivity = groupInRange(occurrences, { from: now - 86_400_000, to: now + 10 * 86_400_000 });
  return filterActivities(config.activities, byActivity, { ...EMPTY_FILTER, ...change }, { nowMs: now, timeZone: config.site.timeZone });
}

/** What the attract screen's "On now and next" should list at `now`. */
export function expectedProgramme(config: SiteConfig, now: number) {
  const range = { from: now - 86_400_000, to: now + 10 * 86_400_000 };
  const byActivity = groupInRange(expandAll(config, range.from, range.to), range);
  return attractProgramme(buildFilterIndex(config.activities, byActivity), { nowMs: now, timeZone: config.site.timeZone });
}
