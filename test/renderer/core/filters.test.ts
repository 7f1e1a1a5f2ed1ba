import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  AGE_GROUPS,
  EMPTY_FILTER,
  activeFilterCount,
  countWith,
  filterActivities,
  matchesFacets,
  widenings,
  type ActivityFilter,
  type AgeGroupId,
  type ExploreClock,
} from '../../../src-renderer/core/filters';
import { LEVEL_IDS, type Activity, type Occurrence } from '../../../src-renderer/core/model';
import { TIME_WINDOWS, windowRange } from '../../../src-renderer/core/timing';
import { THEME_IDS, activitiesArbitrary, makeActivity } from './activity-fixtures';
import { PROPERTY_TIMEOUT_MS } from '../../support/property';

const BRUSSELS = 'Europe/Brussels';
const HOUR = 3_600_000;

function brussels(local: string): number {
  return Temporal.ZonedDateTime.from(`${local}[${BRUSSELS}]`).epochMilliseconds;
}

const clock: ExploreClock = { nowMs: brussels('2026-05-12T14:00'), timeZone: BRUSSELS };

function filter(overrides: Partial<ActivityFilter>): ActivityFilter {
  return { ...EMPTY_FILTER, ...overrides };
}

/** One occurrence per activity, `hoursFromNow` after the clock, an hour long. */
function occurrencesAt(hoursFromNow: Record<string, number>): Map<string, Occurrence[]> {
  return new Map(
    Object.entries(hoursFromNow).map(([activityId, hours]) => {
      const start = clock.nowMs + hours * HOUR;
      return [activityId, [{ activityId, start, end: start + HOUR }]];
    }),
  );
}

const ids = (matches: { activity: Activity }[]): string[] => matches.map((match) => match.activity.id);

describe('facets', () => {
  const activities = [
    makeActivity({ id: 'expo', level: 'see-do', themes: ['making'], ages: { min: 0 } }),
    makeActivity({ id: 'repair', level: 'do-together', themes: ['making', 'thinking'], ages: { min: 12 }, price: { kind: 'pay-what-you-can' } }),
    makeActivity({ id: 'cooking', level: 'do-together', themes: ['food'], ages: { min: 6, max: 12 } }),
    makeActivity({ id: 'practice', level: 'do-yourself', themes: ['relaxation'], ages: { min: 65 }, price: { kind: 'paid', amount: 3 } }),
  ];
  const occurrences = occurrencesAt({ expo: 1, repair: 2, cooking: 3, practice: 4 });
  const show = (overrides: Partial<ActivityFilter>): string[] => ids(filterActivities(activities, occurrences, filter(overrides), clock));

  it('shows everything in the window with the empty filter', () => {
    expect(show({})).toEqual(['expo', 'repair', 'cooking', 'practice']);
  });

  it('ORs values within a facet', () => {
    expect(show({ levels: ['see-do', 'do-yourself'] })).toEqual(['expo', 'practice']);
    expect(show({ themes: ['food', 'thinking'] })).toEqual(['repair', 'cooking']);
  });

  it('ANDs facets together', () => {
    expect(show({ levels: ['do-together'], themes: ['making'] })).toEqual(['repair']);
    expect(show({ levels: ['do-together'], themes: ['relaxation'] })).toEqual([]);
  });

  it('matches an age group when the age ranges overlap, open-ended ranges included', () => {
    expect(show({ ageGroups: ['children'] })).toEqual(['expo', 'cooking']);
    expect(show({ ageGroups: ['teens'] })).toEqual(['expo', 'repair', 'cooking']);
    expect(show({ ageGroups: ['adults'] })).toEqual(['expo', 'repair']);
    expect(show({ ageGroups: ['seniors'] })).toEqual(['expo', 'repair', 'practice']);
  });

  it('treats only "free" as free, not pay-what-you-can', () => {
    expect(show({ freeOnly: true })).toEqual(['expo', 'cooking']);
  });

  it('has adjacent, gap-free age groups starting at 0', () => {
    expect(AGE_GROUPS[0].min).toBe(0);
    for (let index = 1; index < AGE_GROUPS.length; index++) expect(AGE_GROUPS[index]!.min).toBe(AGE_GROUPS[index - 1]!.max + 1);
  });
});

describe('filterActivities and the window', () => {
  it('shows only activities with an occurrence in the window, with the first one as next', () => {
    const soonAndLater = makeActivity({ id: 'garden' });
    const onlyTomorrow = makeActivity({ id: 'walk' });
    const ended = makeActivity({ id: 'talk' });
    const occurrences = new Map<string, Occurrence[]>([
      ['garden', [
        { activityId: 'garden', start: clock.nowMs + 5 * HOUR, end: clock.nowMs + 6 * HOUR },
        { activityId: 'garden', start: clock.nowMs + 30 * 60_000, end: clock.nowMs + HOUR },
      ]],
      ['walk', [{ activityId: 'walk', start: brussels('2026-05-13T10:00'), end: brussels('2026-05-13T11:00') }]],
      ['talk', [{ activityId: 'talk', start: clock.nowMs - 2 * HOUR, end: clock.nowMs }]],
    ]);
    const activities = [soonAndLater, onlyTomorrow, ended];

    const now = filterActivities(activities, occurrences, filter({ window: 'now' }), clock);
    expect(now).toEqual([{ activity: soonAndLater, next: occurrences.get('garden')![1] }]);
    expect(ids(filterActivities(activities, occurrences, filter({ window: 'today' }), clock))).toEqual(['garden']);
    expect(ids(filterActivities(activities, occurrences, filter({ window: 'week' }), clock))).toEqual(['garden', 'walk']);
  });

  it('includes a running occurrence as next', () => {
    const running = { activityId: 'bar', start: clock.nowMs - HOUR, end: clock.nowMs + HOUR };
    const result = filterActivities([makeActivity({ id: 'bar' })], new Map([['bar', [running]]]), filter({ window: 'now' }), clock);
    expect(result[0]?.next).toBe(running);
  });

  it('never counts a called-off session as on now or next; marks it before the next one; a full session still counts', () => {
    const at = (activityId: string, hours: number, extra: Partial<Occurrence> = {}): Occurrence => ({ activityId, start: clock.nowMs + hours * HOUR, end: clock.nowMs + (hours + 1) * HOUR, ...extra });
    const cancelledNow = at('walk', -0.5, { status: 'cancelled' });
    const walkLater = at('walk', 3);
    const postponedOnly = at('fair', 0.25, { status: 'postponed' });
    const fullNow = at('choir', 0.5, { full: true });
    const activities = [makeActivity({ id: 'walk' }), makeActivity({ id: 'fair' }), makeActivity({ id: 'choir' })];
    const occurrences = new Map<string, Occurrence[]>([
      ['walk', [walkLater, cancelledNow]],
      ['fair', [postponedOnly]],
      ['choir', [fullNow]],
    ]);

    // "Now" (the attract screen's list): only the full choir; the walk's session and the fair are off.
    expect(filterActivities(activities, occurrences, filter({ window: 'now' }), clock)).toEqual([{ activity: activities[2], next: fullNow }]);
    // "Today": the walk's next session is the later one, and the list learns the one before was cancelled.
    const today = filterActivities(activities, occurrences, filter({ window: 'today' }), clock);
    expect(today).toEqual([
      { activity: activities[2], next: fullNow },
      { activity: activities[0], next: walkLater, calledOff: cancelledNow },
    ]);
    expect(ids(today)).not.toContain('fair');
  });

  it('sorts by next start, then by Dutch title, then by id', () => {
    const activities = [
      makeActivity({ id: 'z', title: { nl: 'Zaal' } }),
      makeActivity({ id: 'e', title: { nl: 'Écoute' } }),
      makeActivity({ id: 'b', title: { nl: 'atelier' } }),
      makeActivity({ id: 'a', title: { nl: 'atelier' } }),
      makeActivity({ id: 'late', title: { nl: 'Aaa' } }),
    ];
    const occurrences = occurrencesAt({ z: 1, e: 1, b: 1, a: 1, late: 2 });
    expect(ids(filterActivities(activities, occurrences, EMPTY_FILTER, clock))).toEqual(['a', 'b', 'e', 'z', 'late']);
  });

  it('counts what a filter would show', () => {
    const activities = [makeActivity({ id: 'free' }), makeActivity({ id: 'paid', price: { kind: 'paid', amount: 5 } })];
    const occurrences = occurrencesAt({ free: 1, paid: 1 });
    expect(countWith(activities, occurrences, filter({ freeOnly: true }), clock)).toBe(1);
    expect(countWith(activities, occurrences, EMPTY_FILTER, clock)).toBe(2);
  });
});

describe('EMPTY_FILTER and activeFilterCount', () => {
  it('starts on "today" with no facets', () => {
    expect(EMPTY_FILTER).toEqual({ levels: [], themes: [], ageGroups: [], freeOnly: false, window: 'today' });
    expect(activeFilterCount(EMPTY_FILTER)).toBe(0);
  });

  it('counts one per selected value and leaves the window out', () => {
    expect(activeFilterCount(filter({ levels: ['see-do'], themes: ['food', 'making'], ageGroups: ['teens'], freeOnly: true, window: 'week' }))).toBe(5);
  });
});

describe('widenings', () => {
  it('lets go of one facet at a time, most restrictive first, then widens the window', () => {
    const narrow = filter({ levels: ['see-do'], themes: ['food'], ageGroups: ['seniors'], freeOnly: true, window: 'now' });
    const suggestions = widenings(narrow, clock);
    expect(suggestions.map((suggestion) => suggestion.step)).toEqual(['free-only', 'age-groups', 'themes', 'levels', 'window']);
    expect(suggestions.map((suggestion) => suggestion.filter)).toEqual([
      { ...narrow, freeOnly: false },
      { ...narrow, ageGroups: [] },
      { ...narrow, themes: [] },
      { ...narrow, levels: [] },
      { ...narrow, window: 'today' },
    ]);
  });

  it('suggests only the window for an otherwise empty filter, and nothing past "week"', () => {
    expect(widenings(filter({ window: 'today' }), clock)).toEqual([{ step: 'window', filter: filter({ window: 'week' }) }]);
    expect(widenings(filter({ window: 'week' }), clock)).toEqual([]);
  });

  it('goes from "now" straight to "week" late in the evening, when "today" ends before the hour does', () => {
    const lateClock = { nowMs: brussels('2026-05-12T23:30'), timeZone: BRUSSELS };
    expect(widenings(filter({ window: 'now' }), lateClock)).toEqual([{ step: 'window', filter: filter({ window: 'week' }) }]);
  });
});

describe('filter properties', () => {
  const levelsArbitrary = fc.uniqueArray(fc.constantFrom(...LEVEL_IDS));
  const themesArbitrary = fc.uniqueArray(fc.constantFrom(...THEME_IDS));
  const ageGroupsArbitrary = fc.uniqueArray(fc.constantFrom(...AGE_GROUPS.map((group) => group.id))) as fc.Arbitrary<AgeGroupId[]>;
  const filterArbitrary: fc.Arbitrary<ActivityFilter> = fc.record({
    levels: levelsArbitrary,
    themes: themesArbitrary,
    ageGroups: ageGroupsArbitrary,
    freeOnly: fc.boolean(),
    window: fc.constantFrom(...TIME_WINDOWS),
  });
  // Around both DST changes and at ordinary times, including late evenings.
  const clockArbitrary: fc.Arbitrary<ExploreClock> = fc.record({
    nowMs: fc.oneof(
      fc.integer({ min: brussels('2026-03-28T20:00'), max: brussels('2026-03-29T04:00') }),
      fc.integer({ min: brussels('2026-10-24T20:00'), max: brussels('2026-10-25T04:00') }),
      fc.integer({ min: brussels('2026-05-01T00:00'), max: brussels('2026-06-01T00:00') }),
    ),
    timeZone: fc.constantFrom(BRUSSELS, 'America/New_York', 'UTC'),
  });
  // Mostly close to now, where the window edges are, and sometimes anywhere in the coming week.
  const offsetArbitrary = fc.oneof(fc.integer({ min: -2 * HOUR, max: 2 * HOUR }), fc.integer({ min: -24 * HOUR, max: 9 * 24 * HOUR }));
  const scenarioArbitrary = fc
    .tuple(activitiesArbitrary(), clockArbitrary)
    .chain(([activities, clock]) =>
      fc
        .array(fc.array(fc.record({ offset: offsetArbitrary, length: fc.integer({ min: 0, max: 4 * HOUR }) }), { maxLength: 4 }), {
          minLength: activities.length,
          maxLength: activities.length,
        })
        .map((spans) => {
          const occurrences = new Map(
            activities.map((activity, index) => [activity.id, spans[index]!.map(({ offset, length }) => ({ activityId: activity.id, start: clock.nowMs + offset, end: clock.nowMs + offset + length }))]),
          );
          return { activities, clock, occurrences };
        }),
    );

  it('never returns an activity that violates a facet or has no occurrence in the window', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(scenarioArbitrary, filterArbitrary, ({ activities, clock, occurrences }, activityFilter) => {
        const range = windowRange(activityFilter.window, clock.nowMs, clock.timeZone);
        for (const { activity, next } of filterActivities(activities, occurrences, activityFilter, clock)) {
          expect(matchesFacets(activity, activityFilter)).toBe(true);
          if (activityFilter.freeOnly) expect(activity.price.kind).toBe('free');
          if (activityFilter.levels.length > 0) expect(activityFilter.levels).toContain(activity.level);
          if (activityFilter.themes.length > 0) expect(activity.themes.some((theme) => activityFilter.themes.includes(theme))).toBe(true);
          expect(next.activityId).toBe(activity.id);
          expect(next.start < range.to && next.end > range.from).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('misses no activity that passes the facets and has an occurrence in the window', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(scenarioArbitrary, filterArbitrary, ({ activities, clock, occurrences }, activityFilter) => {
        const range = windowRange(activityFilter.window, clock.nowMs, clock.timeZone);
        const expected = activities
          .filter((activity) => matchesFacets(activity, activityFilter))
          .filter((activity) => (occurrences.get(activity.id) ?? []).some((o) => o.start < range.to && o.end > range.from))
          .map((activity) => activity.id);
        expect(ids(filterActivities(activities, occurrences, activityFilter, clock)).sort()).toEqual(expected.sort());
      }),
      { numRuns: 100 },
    );
  });

  it('never shrinks when a value is added to an already restricted facet (OR within a facet)', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const facetArbitrary = fc.constantFrom('levels', 'themes', 'ageGroups') as fc.Arbitrary<ListFacet>;
    fc.assert(
      fc.property(scenarioArbitrary, filterArbitrary, facetArbitrary, fc.nat(), ({ activities, clock, occurrences }, activityFilter, facet, pick) => {
        // On an empty facet the first value turns "no restriction" into a restriction, which may shrink.
        fc.pre(activityFilter[facet].length > 0);
        const wider = withValueAdded(activityFilter, facet, pick);
        expectSuperset(filterActivities(activities, occurrences, wider, clock), filterActivities(activities, occurrences, activityFilter, clock));
      }),
      { numRuns: 100 },
    );
  });

  it('offers widenings that each show at least the current result', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(scenarioArbitrary, filterArbitrary, ({ activities, clock, occurrences }, activityFilter) => {
        const current = filterActivities(activities, occurrences, activityFilter, clock);
        for (const { filter: wider } of widenings(activityFilter, clock)) {
          expectSuperset(filterActivities(activities, occurrences, wider, clock), current);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('widens the window only to one that covers the current one, at any hour', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const anyClock = fc.record({ nowMs: fc.integer({ min: brussels('2026-01-01T00:00'), max: brussels('2027-01-01T00:00') }), timeZone: fc.constantFrom(BRUSSELS, 'America/New_York', 'Asia/Kolkata') });
    fc.assert(
      fc.property(anyClock, fc.constantFrom(...TIME_WINDOWS), (someClock, window) => {
        const current = windowRange(window, someClock.nowMs, someClock.timeZone);
        for (const { filter: wider } of widenings(filter({ window }), someClock)) {
          const widened = windowRange(wider.window, someClock.nowMs, someClock.timeZone);
          expect(widened.from).toBe(current.from);
          expect(widened.to).toBeGreaterThan(current.to);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('can always widen back to the empty filter on "week"', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(filterArbitrary, clockArbitrary, (activityFilter, someClock) => {
        let current = activityFilter;
        for (let steps = 0; steps < 10; steps++) {
          const first = widenings(current, someClock)[0];
          if (!first) break;
          current = first.filter;
        }
        expect(current).toEqual({ ...EMPTY_FILTER, window: 'week' });
      }),
      { numRuns: 100 },
    );
  });
});

type ListFacet = 'levels' | 'themes' | 'ageGroups';

function withValueAdded(activityFilter: ActivityFilter, facet: ListFacet, pick: number): ActivityFilter {
  const choose = <T>(values: readonly T[]): T => values[pick % values.length]!;
  switch (facet) {
    case 'levels':
      return { ...activityFilter, levels: union(activityFilter.levels, choose(LEVEL_IDS)) };
    case 'themes':
      return { ...activityFilter, themes: union(activityFilter.themes, choose(THEME_IDS)) };
    case 'ageGroups':
      return { ...activityFilter, ageGroups: union(activityFilter.ageGroups, choose(AGE_GROUPS).id) };
  }
}

function union<T>(values: readonly T[], added: T): T[] {
  return values.includes(added) ? [...values] : [...values, added];
}

function expectSuperset(wider: { activity: Activity }[], narrower: { activity: Activity }[]): void {
  const widerIds = new Set(ids(wider));
  for (const id of ids(narrower)) expect(widerIds.has(id), id).toBe(true);
}
