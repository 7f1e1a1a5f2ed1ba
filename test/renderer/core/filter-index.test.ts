import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { buildFilterIndex, queryFilterIndex } from '../../../src-renderer/core/filter-index';
import { AGE_GROUPS, EMPTY_FILTER, filterActivities, widenings, type ActivityFilter, type ActivityMatch, type AgeGroupId, type ExploreClock } from '../../../src-renderer/core/filters';
import { LEVEL_IDS, type Activity, type Occurrence } from '../../../src-renderer/core/model';
import { TIME_WINDOWS } from '../../../src-renderer/core/timing';
import { PROPERTY_TIMEOUT_MS } from '../../support/property';
import { THEME_IDS, activitiesArbitrary, makeActivity } from './activity-fixtures';

const BRUSSELS = 'Europe/Brussels';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function brussels(local: string): number {
  return Temporal.ZonedDateTime.from(`${local}[${BRUSSELS}]`).epochMilliseconds;
}

function filter(overrides: Partial<ActivityFilter>): ActivityFilter {
  return { ...EMPTY_FILTER, ...overrides };
}

/** The index answers with the very objects `filterActivities` does, in the same order. */
function expectSameAnswer(actual: ActivityMatch[], expected: ActivityMatch[]): void {
  expect(actual.map((match) => match.activity.id)).toEqual(expected.map((match) => match.activity.id));
  actual.forEach((match, position) => {
    expect(match.activity).toBe(expected[position]!.activity);
    expect(match.next).toBe(expected[position]!.next);
    expect(match.calledOff).toBe(expected[position]!.calledOff);
  });
}

function both(activities: Activity[], occurrences: Map<string, Occurrence[]>, activityFilter: ActivityFilter, clock: ExploreClock) {
  return { indexed: queryFilterIndex(buildFilterIndex(activities, occurrences), activityFilter, clock), plain: filterActivities(activities, occurrences, activityFilter, clock) };
}

const span = (activityId: string, start: number, end: number): Occurrence => ({ activityId, start, end });
const ids = (matches: ActivityMatch[]): string[] => matches.map((match) => match.activity.id);

describe('queryFilterIndex: the window edges', () => {
  it('keeps "today" to the 23 hours of the spring DST day and reaches past the change for "week"', () => {
    const clock = { nowMs: brussels('2026-03-29T01:30'), timeZone: BRUSSELS };
    const activities = [makeActivity({ id: 'late' }), makeActivity({ id: 'tomorrow' }), makeActivity({ id: 'after-week' })];
    const occurrences = new Map([
      ['late', [span('late', brussels('2026-03-29T23:00'), brussels('2026-03-29T23:59'))]],
      ['tomorrow', [span('tomorrow', brussels('2026-03-30T00:00'), brussels('2026-03-30T01:00'))]],
      ['after-week', [span('after-week', brussels('2026-04-06T00:00'), brussels('2026-04-06T01:00'))]],
    ]);
    const index = buildFilterIndex(activities, occurrences);
    expect(ids(queryFilterIndex(index, filter({ window: 'today' }), clock))).toEqual(['late']);
    expect(ids(queryFilterIndex(index, filter({ window: 'week' }), clock))).toEqual(['late', 'tomorrow']);
    for (const window of TIME_WINDOWS) {
      const { indexed, plain } = both(activities, occurrences, filter({ window }), clock);
      expectSameAnswer(indexed, plain);
    }
  });

  it('treats the windows as half-open: what starts at midnight is tomorrow, what ends at now is over', () => {
    const clock = { nowMs: brussels('2026-10-25T22:00'), timeZone: BRUSSELS };
    const midnight = brussels('2026-10-26T00:00');
    const activities = [makeActivity({ id: 'midnight' }), makeActivity({ id: 'just-ended' }), makeActivity({ id: 'instant' }), makeActivity({ id: 'before-midnight' })];
    const occurrences = new Map([
      ['midnight', [span('midnight', midnight, midnight + HOUR)]],
      ['just-ended', [span('just-ended', clock.nowMs - HOUR, clock.nowMs)]],
      // Zero-length: at `now` it overlaps nothing, a minute later it does.
      ['instant', [span('instant', clock.nowMs, clock.nowMs), span('instant', clock.nowMs + MINUTE, clock.nowMs + MINUTE)]],
      ['before-midnight', [span('before-midnight', midnight - MINUTE, midnight)]],
    ]);
    const index = buildFilterIndex(activities, occurrences);
    const today = queryFilterIndex(index, filter({ window: 'today' }), clock);
    expect(ids(today)).toEqual(['instant', 'before-midnight']);
    expect(today[0]!.next).toBe(occurrences.get('instant')![1]);
    expect(ids(queryFilterIndex(index, filter({ window: 'week' }), clock))).toEqual(['instant', 'before-midnight', 'midnight']);
  });

  it('finds a long-running occurrence that started before shorter, already ended ones', () => {
    const clock = { nowMs: brussels('2026-05-12T14:00'), timeZone: BRUSSELS };
    const long = span('expo', clock.nowMs - 5 * HOUR, clock.nowMs + 5 * HOUR);
    const occurrences = new Map([['expo', [span('expo', clock.nowMs - 3 * HOUR, clock.nowMs - 2 * HOUR), span('expo', clock.nowMs + HOUR, clock.nowMs + 2 * HOUR), long, span('expo', clock.nowMs - 4 * HOUR, clock.nowMs - HOUR)]]]);
    const [match] = queryFilterIndex(buildFilterIndex([makeActivity({ id: 'expo' })], occurrences), filter({ window: 'now' }), clock);
    expect(match?.next).toBe(long);
  });

  it('picks the first listed of two identical occurrences, as filterActivities does', () => {
    const clock = { nowMs: brussels('2026-05-12T14:00'), timeZone: BRUSSELS };
    const occurrences = new Map([['twin', [span('twin', clock.nowMs + 2 * HOUR, clock.nowMs + 3 * HOUR), span('twin', clock.nowMs + HOUR, clock.nowMs + 2 * HOUR), span('twin', clock.nowMs + HOUR, clock.nowMs + 2 * HOUR)]]]);
    const { indexed, plain } = both([makeActivity({ id: 'twin' })], occurrences, EMPTY_FILTER, clock);
    expect(indexed[0]!.next).toBe(occurrences.get('twin')![1]);
    expectSameAnswer(indexed, plain);
  });
});

describe('queryFilterIndex: the catalogue', () => {
  const clock = { nowMs: brussels('2026-05-12T14:00'), timeZone: BRUSSELS };

  it('leaves out activities without occurrences, whatever the filter', () => {
    const activities = [makeActivity({ id: 'none' }), makeActivity({ id: 'empty' }), makeActivity({ id: 'on' })];
    const occurrences = new Map([['empty', []], ['on', [span('on', clock.nowMs, clock.nowMs + HOUR)]]]);
    const index = buildFilterIndex(activities, occurrences);
    for (const window of TIME_WINDOWS) expect(ids(queryFilterIndex(index, filter({ window }), clock))).toEqual(['on']);
    expect(queryFilterIndex(buildFilterIndex([], new Map()), EMPTY_FILTER, clock)).toEqual([]);
  });

  it('sorts ties by Dutch title, then id, like filterActivities', () => {
    const activities = ['Zaal', 'Écoute', 'atelier', 'Atelier', 'atelier'].map((title, position) => makeActivity({ id: `t${4 - position}`, title: { nl: title } }));
    const occurrences = new Map(activities.map((activity) => [activity.id, [span(activity.id, clock.nowMs + HOUR, clock.nowMs + 2 * HOUR)]]));
    const { indexed, plain } = both(activities, occurrences, EMPTY_FILTER, clock);
    expect(ids(indexed)).toEqual(ids(plain));
    expectSameAnswer(indexed, plain);
  });

  it('shows nothing for a facet value no activity carries', () => {
    const activities = [makeActivity({ id: 'a', themes: ['food'] })];
    const occurrences = new Map([['a', [span('a', clock.nowMs, clock.nowMs + HOUR)]]]);
    expect(queryFilterIndex(buildFilterIndex(activities, occurrences), filter({ themes: ['unknown'] }), clock)).toEqual([]);
    expect(ids(queryFilterIndex(buildFilterIndex(activities, occurrences), filter({ themes: ['unknown', 'food'] }), clock))).toEqual(['a']);
  });

  it('answers each widening of an empty result as filterActivities does', () => {
    const activities = [
      makeActivity({ id: 'paid', level: 'do-together', ages: { min: 70 }, price: { kind: 'paid', amount: 4 } }),
      makeActivity({ id: 'kids', level: 'do-together', themes: ['food'], ages: { min: 6, max: 10 } }),
      makeActivity({ id: 'later', level: 'see-do', ages: { min: 65 } }),
    ];
    const occurrences = new Map([
      ['paid', [span('paid', clock.nowMs + 10 * MINUTE, clock.nowMs + HOUR)]],
      ['kids', [span('kids', clock.nowMs - HOUR, clock.nowMs + HOUR)]],
      ['later', [span('later', brussels('2026-05-14T10:00'), brussels('2026-05-14T11:00'))]],
    ]);
    const narrow = filter({ levels: ['see-do'], themes: ['food'], ageGroups: ['seniors'], freeOnly: true, window: 'now' });
    const index = buildFilterIndex(activities, occurrences);
    expect(queryFilterIndex(index, narrow, clock)).toEqual([]);
    for (const { filter: wider } of widenings(narrow, clock)) expectSameAnswer(queryFilterIndex(index, wider, clock), filterActivities(activities, occurrences, wider, clock));
  });
});

describe('queryFilterIndex equals filterActivities', () => {
  const levelsArbitrary = fc.uniqueArray(fc.constantFrom(...LEVEL_IDS));
  const themesArbitrary = fc.uniqueArray(fc.constantFrom(...THEME_IDS, 'unknown'));
  const ageGroupsArbitrary = fc.uniqueArray(fc.constantFrom(...AGE_GROUPS.map((group) => group.id))) as fc.Arbitrary<AgeGroupId[]>;
  const filterArbitrary: fc.Arbitrary<ActivityFilter> = fc.record({ levels: levelsArbitrary, themes: themesArbitrary, ageGroups: ageGroupsArbitrary, freeOnly: fc.boolean(), window: fc.constantFrom(...TIME_WINDOWS) });
  // Around both DST changes, late evenings and ordinary days, in three zones.
  const nowArbitrary = fc.oneof(
    fc.integer({ min: brussels('2026-03-28T20:00'), max: brussels('2026-03-29T04:00') }),
    fc.integer({ min: brussels('2026-10-24T20:00'), max: brussels('2026-10-25T04:00') }),
    fc.integer({ min: brussels('2026-05-01T00:00'), max: brussels('2026-06-01T00:00') }),
  );
  const zoneArbitrary = fc.constantFrom(BRUSSELS, 'America/New_York', 'UTC');
  // Starts on a quarter-hour grid near now, so equal starts (and ties in the sort) are common;
  // sometimes anywhere in the coming week; lengths from zero to a whole day.
  const offsetArbitrary = fc.oneof(fc.integer({ min: -8, max: 8 }).map((quarters) => quarters * 15 * MINUTE), fc.integer({ min: -24 * HOUR, max: 9 * 24 * HOUR }));
  const lengthArbitrary = fc.oneof(fc.constantFrom(0, HOUR, 2 * HOUR), fc.integer({ min: 0, max: 24 * HOUR }));
  // Mostly sessions that go ahead; some a feed called off, some full (which still go ahead).
  const stateArbitrary = fc.constantFrom<Pick<Occurrence, 'status' | 'full'>>({}, {}, {}, {}, { status: 'cancelled' }, { status: 'postponed' }, { full: true });
  const scenarioArbitrary = fc.tuple(activitiesArbitrary(20), nowArbitrary, zoneArbitrary).chain(([activities, nowMs, timeZone]) =>
    fc
      .array(fc.option(fc.array(fc.record({ offset: offsetArbitrary, length: lengthArbitrary, state: stateArbitrary }), { maxLength: 6 }), { nil: undefined }), { minLength: activities.length, maxLength: activities.length })
      .map((spans) => {
        const occurrences = new Map<string, Occurrence[]>();
        activities.forEach((activity, position) => {
          const list = spans[position];
          if (list) occurrences.set(activity.id, list.map(({ offset, length, state }) => ({ ...span(activity.id, nowMs + offset, nowMs + offset + length), ...state })));
        });
        return { activities, occurrences, clock: { nowMs, timeZone } };
      }),
  );

  it('gives the same activities, order and next occurrence for any catalogue, filter and clock', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(scenarioArbitrary, filterArbitrary, ({ activities, occurrences, clock }, activityFilter) => {
        const { indexed, plain } = both(activities, occurrences, activityFilter, clock);
        expectSameAnswer(indexed, plain);
      }),
      { numRuns: 300 },
    );
  });

  it('needs no rebuild as the clock ticks: one index answers every minute of the next hours', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(scenarioArbitrary, filterArbitrary, fc.array(fc.integer({ min: 0, max: 6 * 60 }), { minLength: 1, maxLength: 8 }), ({ activities, occurrences, clock }, activityFilter, minutes) => {
        const index = buildFilterIndex(activities, occurrences);
        for (const minute of minutes) {
          const later = { ...clock, nowMs: clock.nowMs + minute * MINUTE };
          expectSameAnswer(queryFilterIndex(index, activityFilter, later), filterActivities(activities, occurrences, activityFilter, later));
        }
      }),
      { numRuns: 100 },
    );
  });
});
