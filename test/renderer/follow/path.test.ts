import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../../src-renderer/core/catalogue';
import { loadSiteConfig } from '../../../src-renderer/core/config';
import { decodeFollowUpCode, encodeFollowUpCode, MAX_FOLLOW_UP_ITEMS, type FollowUpItem } from '../../../src-renderer/core/path-code';
import { CatalogueView } from '../../../src-renderer/follow/catalogue-view';
import { daysFromToday } from '../../../src-renderer/follow/format';
import { activityIds, addActivity, codeOf, hasUnencodable, moveEntry, removeEntry } from '../../../src-renderer/follow/path';
import { readTypedCode, routeOf } from '../../../src-renderer/follow/route';
import { fixtureBundle, NOW } from '../core/site-fixture';

const loaded = loadSiteConfig(fixtureBundle(), { now: NOW });
if (!loaded.ok) throw new Error('fixture site does not validate');
const view = new CatalogueView(buildCatalogue(loaded.config, { now: NOW, days: 60 }));

function entriesOf(items: FollowUpItem[]): ReturnType<CatalogueView['entries']> {
  const decoded = decodeFollowUpCode(encodeFollowUpCode(items));
  if (!decoded.ok) throw new Error('fixture code does not decode');
  return view.entries(decoded.items);
}

const booking: FollowUpItem = { kind: 'booking', spaceId: 'music-room', start: Date.parse('2026-03-10T17:00:00Z'), minutes: 60, code: 'K7M2QX' };

describe('CatalogueView', () => {
  it('resolves a code in order, keeps what is no longer listed, and gives each step a stable key', () => {
    const entries = entriesOf([{ kind: 'activity', id: 'maker-night' }, { kind: 'activity', id: 'gone' }, booking, { kind: 'activity', id: 'repair-cafe' }]);
    expect(entries.map((entry) => entry.kind)).toEqual(['activity', 'unknown', 'booking', 'activity']);
    expect(entries.map((entry) => entry.key)).toEqual(['a:maker-night', expect.stringMatching(/^u:\d+$/), 'b:K7M2QX:1773162000000', 'a:repair-cafe']);
    expect(entries[2]).toMatchObject({ kind: 'booking', space: { id: 'music-room' }, minutes: 60, code: 'K7M2QX' });
  });

  it('shows a place on an activity\'s session as a booking titled by the activity, and writes it back as a place', () => {
    const place: FollowUpItem = { kind: 'place', activityId: 'maker-night', start: Date.parse('2026-03-10T17:00:00Z'), minutes: 120, code: 'K7M2QX' };
    const entries = entriesOf([{ kind: 'activity', id: 'repair-cafe' }, place]);
    expect(entries[1]).toMatchObject({ kind: 'booking', key: 'p:K7M2QX:1773162000000', minutes: 120, code: 'K7M2QX', place: { activity: { id: 'maker-night' } } });
    expect(decodeFollowUpCode(codeOf(entries)!)).toMatchObject({ ok: true, version: 2 });
    expect(hasUnencodable(entries)).toBe(false);
    const gone = entriesOf([{ ...place, activityId: 'gone' }]);
    expect(gone[0]).toMatchObject({ kind: 'booking', place: { activity: undefined } });
    expect(hasUnencodable(gone)).toBe(true);
  });

  it('lists the next dates that have not ended, a running one included', () => {
    const [first, second] = view.upcoming('maker-night', NOW, 5);
    expect(first && second && second.start - first.start).toBe(7 * 86_400_000);
    const during = (first?.start ?? 0) + 60_000;
    expect(view.upcoming('maker-night', during, 1)[0]).toEqual(first);
  });

  it('suggests next steps for a path, never what the path holds', () => {
    const suggestions = view.suggestionsFor(['repair-cafe'], NOW);
    expect(suggestions.map((suggestion) => suggestion.activity.id)).not.toContain('repair-cafe');
    expect(suggestions.length).toBeGreaterThan(0);
  });
});

describe('editing a path', () => {
  const entries = entriesOf([{ kind: 'activity', id: 'maker-night' }, { kind: 'activity', id: 'gone' }, booking, { kind: 'activity', id: 'repair-cafe' }]);

  it('moves, removes and adds, and every result encodes to a code with the same order', () => {
    const moved = moveEntry(entries, 3, -1);
    expect(moved.map((entry) => entry.key)).toEqual([entries[0]?.key, entries[1]?.key, entries[3]?.key, entries[2]?.key]);
    expect(moveEntry(entries, 0, -1)).toEqual(entries);
    const removed = removeEntry(moved, 0);
    expect(activityIds(removed)).toEqual(['repair-cafe']);
    const code = codeOf(removed);
    const decoded = code ? decodeFollowUpCode(code) : undefined;
    expect(decoded?.ok && view.entries(decoded.items).map((entry) => entry.key)).toEqual(['a:repair-cafe', 'b:K7M2QX:1773162000000']);
  });

  it('drops what it cannot name again, and says so beforehand', () => {
    expect(hasUnencodable(entries)).toBe(true);
    const code = codeOf(entries);
    const decoded = code ? decodeFollowUpCode(code) : undefined;
    expect(decoded?.ok && decoded.items.length).toBe(3);
    expect(codeOf([])).toBeUndefined();
  });

  it('adds an activity once, and not to a full path', () => {
    const activity = view.activity('maker-night');
    if (!activity) throw new Error('fixture');
    expect(addActivity(entries, activity)).toHaveLength(entries.length);
    const full = entriesOf(Array.from({ length: MAX_FOLLOW_UP_ITEMS }, () => booking));
    expect(addActivity(full, activity)).toHaveLength(MAX_FOLLOW_UP_ITEMS);
  });
});

describe('routes and typed codes', () => {
  const code = encodeFollowUpCode([{ kind: 'activity', id: 'repair-cafe' }]);

  it('maps every fragment to a page, never throwing', () => {
    expect(routeOf('')).toEqual({ kind: 'home' });
    expect(routeOf('#')).toEqual({ kind: 'home' });
    expect(routeOf('#a/repair-cafe')).toEqual({ kind: 'activity', id: 'repair-cafe' });
    expect(routeOf(`#${code}`)).toMatchObject({ kind: 'path', code });
    expect(routeOf('#a/<script>')).toEqual({ kind: 'unreadable', reason: 'malformed' });
    expect(routeOf(`#${'A'.repeat(100_000)}`)).toEqual({ kind: 'unreadable', reason: 'too-long' });
  });

  it('reads links, codes with stray spaces, poster ids and booking codes', () => {
    expect(readTypedCode(`https://wegwijzer.example.org/regina-mundi/#${code}`)).toEqual({ kind: 'fragment', fragment: code });
    expect(readTypedCode(` ${code.slice(0, 4)} ${code.slice(4)}\n`)).toEqual({ kind: 'fragment', fragment: code });
    expect(readTypedCode('a/repair-cafe')).toEqual({ kind: 'fragment', fragment: 'a/repair-cafe' });
    expect(readTypedCode('k7m-2qx')).toEqual({ kind: 'booking', code: 'K7M2QX' });
    expect(readTypedCode('hello')).toEqual({ kind: 'invalid' });
    expect(readTypedCode('')).toEqual({ kind: 'invalid' });
  });
});

describe('daysFromToday', () => {
  it('counts calendar days in the site zone, also across the DST change', () => {
    const now = Date.parse('2026-03-28T22:30:00Z'); // Saturday 23:30 in Brussels
    expect(daysFromToday(Date.parse('2026-03-28T22:45:00Z'), now, 'Europe/Brussels')).toBe(0);
    expect(daysFromToday(Date.parse('2026-03-29T21:30:00Z'), now, 'Europe/Brussels')).toBe(1); // Sunday 23:30 CEST
    expect(daysFromToday(Date.parse('2026-03-30T08:00:00Z'), now, 'Europe/Brussels')).toBeUndefined();
  });
});
