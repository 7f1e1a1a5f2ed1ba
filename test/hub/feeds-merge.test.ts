// The pure merge of all feeds' reads: each event once, the first source winning, the site's own
// events first of all; titles compared without case, accents or punctuation; places within 500 m.
import { describe, expect, it } from 'vitest';
import type { FeedRead } from '../../src-renderer/core/feeds/types';
import type { Activity, FeedConfig, GeoPoint, Occurrence } from '../../src-renderer/core/model';
import { mergeFeedReads, metresBetween, normalisedTitle, SAME_PLACE_METRES } from '../../src-hub/feeds/merge';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 25, 13);

function feed(id: string): FeedConfig {
  return { id, kind: 'ical', name: id, url: `https://example.org/${id}.ics`, apiKeyEnv: 'UITDATABANK_API_KEY', refreshMinutes: 60, organisation: 'bib', level: 'see-do', themes: [], terms: {}, days: 90 };
}

function item(feedId: string, n: number, title: string, starts: number[], geo?: GeoPoint): FeedRead['activities'][number] {
  const id = `${feedId}-${n}`;
  const activity: Activity = {
    id,
    title: { nl: title },
    summary: { nl: '' },
    description: { nl: '' },
    level: 'see-do',
    themes: [],
    organiser: 'bib',
    ...(geo ? { place: { name: 'Somewhere', address: 'Street 1', geo } } : {}),
    schedule: [],
    ages: { min: 0 },
    price: { kind: 'free' },
    languages: ['nl'],
    registration: 'walk-in',
    badges: [],
    nextSteps: [],
    origin: { feed: feedId, kind: 'ical', name: feedId, sourceId: `uid-${n}` },
  };
  const occurrences: Occurrence[] = starts.map((start) => ({ activityId: id, start, end: start + HOUR }));
  return { uid: `uid-${n}`, activity, occurrences };
}

function read(activities: FeedRead['activities']): FeedRead {
  return { activities, problems: [], items: activities.length, outside: 0 };
}

const GENK = { lat: 50.9656, lon: 5.5001 };
const NEAR = { lat: 50.968, lon: 5.5001 }; // ~270 m north
const FAR = { lat: 50.98, lon: 5.5001 }; // ~1.6 km north

describe('feed merge', () => {
  it('normalises titles: case, accents, punctuation and spaces do not matter', () => {
    expect(normalisedTitle('  Repair Café!  ')).toBe('repair cafe');
    expect(normalisedTitle('POËZIE-avond')).toBe('poezie avond');
    expect(normalisedTitle('Poëzieavond')).not.toBe(normalisedTitle('Poëzie-avond'));
  });

  it('measures distances on the sphere', () => {
    expect(metresBetween(GENK, NEAR)).toBeGreaterThan(200);
    expect(metresBetween(GENK, NEAR)).toBeLessThan(SAME_PLACE_METRES);
    expect(metresBetween(GENK, FAR)).toBeGreaterThan(SAME_PLACE_METRES);
    expect(metresBetween(GENK, GENK)).toBe(0);
  });

  it('keeps the first feed’s copy of an event and counts the later one as a duplicate', () => {
    const merged = mergeFeedReads(
      [
        { feed: feed('a'), read: read([item('a', 1, 'Voorleesuur', [T0], GENK), item('a', 2, 'Poëzieavond', [T0 + 48 * HOUR])]) },
        { feed: feed('b'), read: read([item('b', 1, 'voorleesuur.', [T0 + 30 * 60_000, T0], NEAR), item('b', 2, 'Stadswandeling', [T0])]) },
      ],
      [],
    );
    expect(merged.activities.map((row) => row.id)).toEqual(['a-1', 'a-2', 'b-2']);
    expect(merged.activities.every((row) => row.source === 'feed')).toBe(true);
    expect(merged.occurrences.map((row) => [row.id, row.source])).toEqual([
      [`a-1@${T0}`, 'feed'],
      [`a-2@${T0 + 48 * HOUR}`, 'feed'],
      [`b-2@${T0}`, 'feed'],
    ]);
    expect(Object.fromEntries(merged.counts)).toEqual({ a: { activities: 2, occurrences: 2, duplicates: 0 }, b: { activities: 1, occurrences: 1, duplicates: 1 } });
  });

  it('keeps events apart that share a title but not a start, or whose places are far apart', () => {
    const merged = mergeFeedReads(
      [
        { feed: feed('a'), read: read([item('a', 1, 'Yoga', [T0], GENK)]) },
        { feed: feed('b'), read: read([item('b', 1, 'Yoga', [T0 + HOUR], GENK), item('b', 2, 'Yoga', [T0], FAR)]) },
      ],
      [],
    );
    expect(merged.activities.map((row) => row.id)).toEqual(['a-1', 'b-1', 'b-2']);
  });

  it('leaves out what the site already shows itself (config, staff, imports)', () => {
    const merged = mergeFeedReads([{ feed: feed('a'), read: read([item('a', 1, 'Repair café', [T0], GENK), item('a', 2, 'Schaakclub', [T0])]) }], [{ title: { en: 'Repair Cafe', nl: 'Repaircafé' }, starts: [T0], geo: NEAR }]);
    expect(merged.activities.map((row) => row.id)).toEqual(['a-2']);
    expect(merged.counts.get('a')?.duplicates).toBe(1);
  });

  it('keeps an item without sessions in the period (nothing to compare it by) and never an id twice', () => {
    const merged = mergeFeedReads([{ feed: feed('a'), read: read([item('a', 1, 'Tentoonstelling', []), item('a', 1, 'Tentoonstelling', [])]) }], [{ title: { nl: 'Tentoonstelling' }, starts: [] }]);
    expect(merged.activities.map((row) => row.id)).toEqual(['a-1']);
    expect(merged.counts.get('a')).toEqual({ activities: 1, occurrences: 0, duplicates: 1 });
  });

  it('passes over a shown event without a title (a staff session row may have none) instead of failing', () => {
    const merged = mergeFeedReads([{ feed: feed('a'), read: read([item('a', 1, 'Schaakclub', [T0])]) }], [{ title: undefined, starts: [T0] }]);
    expect(merged.activities.map((row) => row.id)).toEqual(['a-1']);
  });
});
