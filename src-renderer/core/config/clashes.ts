// Finds fixed sessions of different activities that overlap in a space that holds one thing at a
// time. Schedules are expanded over a year ahead, so a clash months away is caught when the config
// is written, not on the day.
import type { Activity, Occurrence, Organisation, Site, Space } from '../model';
import { expandActivity, instantToLocal } from '../schedule';
import type { Indexed } from './checks';
import type { ProblemReport } from './report';

const DAY_MS = 24 * 60 * 60_000;

export interface ClashInput {
  site: Site;
  spaces: readonly Space[];
  organisations: readonly Organisation[];
  /** Activities whose schedules are sound; the others already have errors. */
  activities: readonly Indexed<Activity>[];
  now: number;
}

/** Reports the first clash of every pair of activities, once, on the later activity in the file. */
export function checkSpaceClashes({ site, spaces, organisations, activities, now }: ClashInput, report: ProblemReport): void {
  const exclusiveSpaces = new Set(spaces.filter((space) => !space.concurrent).map((space) => space.id));
  const organisationsById = new Map(organisations.map((organisation) => [organisation.id, organisation]));
  const positions = new Map(activities.map(({ index, value }) => [value.id, index]));
  const occurrences = activities
    .filter(({ value }) => value.space !== undefined && exclusiveSpaces.has(value.space))
    .flatMap(({ value }) => expandActivity(value, site, organisationsById.get(value.organiser), now - DAY_MS, now + 365 * DAY_MS));
  for (const clash of findClashes(occurrences)) {
    const [first, second] = [clash.earlier.activityId, clash.later.activityId].sort((a, b) => (positions.get(a) ?? 0) - (positions.get(b) ?? 0));
    const when = instantToLocal(clash.later.start, site.timeZone).replace('T', ' at ');
    report.error(
      'activities.json',
      `activities[${positions.get(second ?? '') ?? 0}].space`,
      `activities \`${first}\` and \`${second}\` overlap in space \`${clash.later.spaceId}\` on ${when}; set "concurrent": true on the space if they may share it`,
    );
  }
}

interface Clash {
  earlier: Occurrence;
  later: Occurrence;
}

/**
 * The first overlap of each pair of activities within the same space: per space, a sweep over the
 * sessions by start that keeps only the ones still running, so the cost follows the number of
 * sessions, not the number of pairs.
 */
export function findClashes(occurrences: readonly Occurrence[]): Clash[] {
  const bySpace = new Map<string, Occurrence[]>();
  for (const occurrence of occurrences) {
    const spaceId = occurrence.spaceId ?? '';
    const list = bySpace.get(spaceId);
    if (list) list.push(occurrence);
    else bySpace.set(spaceId, [occurrence]);
  }
  const reportedPairs = new Set<string>();
  const clashes: Clash[] = [];
  for (const list of bySpace.values()) {
    const running: Occurrence[] = [];
    for (const occurrence of list.sort((a, b) => a.start - b.start)) {
      let kept = 0;
      for (const other of running) {
        if (other.end <= occurrence.start) continue;
        running[kept++] = other;
        if (other.activityId === occurrence.activityId) continue;
        const pair = [other.activityId, occurrence.activityId].sort().join('\n');
        if (reportedPairs.has(pair)) continue;
        reportedPairs.add(pair);
        clashes.push({ earlier: other, later: occurrence });
      }
      running.length = kept;
      running.push(occurrence);
    }
  }
  return clashes;
}
