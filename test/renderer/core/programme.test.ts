import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { buildFilterIndex } from '../../../src-renderer/core/filter-index';
import type { Occurrence } from '../../../src-renderer/core/model';
import { attractProgramme } from '../../../src-renderer/core/programme';
import { makeActivity } from './activity-fixtures';

const BRUSSELS = 'Europe/Brussels';
const brussels = (local: string): number => Temporal.ZonedDateTime.from(`${local}[${BRUSSELS}]`).epochMilliseconds;
const span = (activityId: string, from: string, to: string): Occurrence => ({ activityId, start: brussels(from), end: brussels(to) });

/** A Wednesday: a morning club, an afternoon workshop, an evening concert; a Saturday market. */
const activities = ['club', 'workshop', 'concert', 'market'].map((id) => makeActivity({ id }));
const occurrences = new Map<string, Occurrence[]>([
  ['club', [span('club', '2026-12-02T10:00', '2026-12-02T12:00')]],
  ['workshop', [span('workshop', '2026-12-02T14:00', '2026-12-02T16:00')]],
  ['concert', [span('concert', '2026-12-02T20:00', '2026-12-02T21:30')]],
  ['market', [span('market', '2026-12-05T09:00', '2026-12-05T13:00')]],
]);
const index = buildFilterIndex(activities, occurrences);
const at = (local: string) => attractProgramme(index, { nowMs: brussels(local), timeZone: BRUSSELS });
const ids = (matches: { activity: { id: string } }[]) => matches.map((match) => match.activity.id);

describe('attractProgramme', () => {
  it('in the morning, before anything has started, shows the day\'s items as next', () => {
    const programme = at('2026-12-02T07:30');
    expect(ids(programme.now)).toEqual([]);
    expect(ids(programme.next)).toEqual(['club', 'workshop', 'concert']);
    expect(programme.nextDay).toBeUndefined();
  });

  it('shows what runs or starts within the hour as now, and the rest of today as next', () => {
    expect(ids(at('2026-12-02T13:30').now)).toEqual(['workshop']);
    expect(ids(at('2026-12-02T13:30').next)).toEqual(['concert']);
    expect(ids(at('2026-12-02T11:00').now)).toEqual(['club']);
    expect(ids(at('2026-12-02T11:00').next)).toEqual(['workshop', 'concert']);
  });

  it('when today has nothing left, shows the next day with something, and says which day', () => {
    const programme = at('2026-12-02T22:00');
    expect(ids(programme.now)).toEqual([]);
    expect(ids(programme.next)).toEqual(['market']);
    expect(programme.nextDay).toBe(brussels('2026-12-05T00:00'));
  });

  it('shows nothing when the week ahead holds nothing', () => {
    expect(at('2026-12-06T10:00')).toEqual({ now: [], next: [] });
  });

  it('keeps to its limits, leaving room for next', () => {
    const many = Array.from({ length: 8 }, (_, n) => makeActivity({ id: `a${n}` }));
    const spans = new Map(many.map((activity, n) => [activity.id, [span(activity.id, '2026-12-02T10:00', `2026-12-02T${String(11 + n).padStart(2, '0')}:00`)]]));
    spans.set('a7', [span('a7', '2026-12-02T15:00', '2026-12-02T16:00')]);
    const programme = attractProgramme(buildFilterIndex(many, spans), { nowMs: brussels('2026-12-02T10:30'), timeZone: BRUSSELS }, { total: 5, now: 3 });
    expect(programme.now).toHaveLength(3);
    expect(ids(programme.next)).toEqual(['a7']);
  });
});
