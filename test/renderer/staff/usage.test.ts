import { describe, expect, it } from 'vitest';
import { USAGE_EVENTS, type UsageCount } from '../../../src-renderer/core/hub/contract';
import { byDay, byFilter, byHourOfDay, csvLink, niceMax, topActivities, totals } from '../../../src-renderer/staff/desk/usage';

const TZ = 'Europe/Brussels';
const hour = (local: string): number => Date.parse(`${local}+01:00`);
const count = (at: string, event: UsageCount['event'], n: number, key = '', screenId = 's1'): UsageCount => ({ hour: hour(at), event, n, key, screenId });

const counts: UsageCount[] = [
  count('2026-12-01T10:00:00', 'session-started', 3),
  count('2026-12-01T10:00:00', 'session-started', 2, '', 's2'),
  count('2026-12-02T10:00:00', 'session-started', 4),
  count('2026-12-02T23:00:00', 'session-started', 1),
  count('2026-12-02T10:00:00', 'filter', 6, 'level:see-do'),
  count('2026-12-02T11:00:00', 'filter', 2, 'level:do-together'),
  count('2026-12-02T11:00:00', 'filter', 5, 'theme:music'),
  count('2026-12-02T11:00:00', 'filter', 9, 'time:today'),
  count('2026-12-02T11:00:00', 'sheet-opened', 7, 'drum-jam'),
  count('2026-12-02T12:00:00', 'sheet-opened', 3, 'clay'),
  count('2026-12-02T12:00:00', 'sheet-opened', 3, 'bees'),
];

describe('usage plots', () => {
  it('sums sessions by local hour of day over every screen, 24 buckets', () => {
    const buckets = byHourOfDay(counts, TZ);
    expect(buckets).toHaveLength(24);
    expect(buckets[10]).toEqual({ key: '10', label: '10:00', n: 9 });
    expect(buckets[23]?.n).toBe(1);
    expect(buckets.reduce((sum, b) => sum + b.n, 0)).toBe(10);
  });

  it('sums by local day and shows days without counts as 0', () => {
    expect(byDay(counts, TZ, '2026-11-30', '2026-12-03').map((b) => [b.key, b.n])).toEqual([
      ['2026-11-30', 0],
      ['2026-12-01', 5],
      ['2026-12-02', 5],
      ['2026-12-03', 0],
    ]);
  });

  it('splits filter taps into levels and themes by name, most first', () => {
    expect(byFilter(counts, 'level', (id) => (id === 'see-do' ? 'Kijken' : undefined))).toEqual([
      { key: 'see-do', label: 'Kijken', n: 6 },
      { key: 'do-together', label: 'do-together', n: 2 },
    ]);
    expect(byFilter(counts, 'theme', () => 'Muziek')).toEqual([{ key: 'music', label: 'Muziek', n: 5 }]);
  });

  it('ranks the most opened activities and caps the list', () => {
    expect(topActivities(counts, (id) => id.toUpperCase(), 2)).toEqual([
      { key: 'drum-jam', label: 'DRUM-JAM', n: 7 },
      { key: 'bees', label: 'BEES', n: 3 },
    ]);
  });

  it('totals every event in the contract order', () => {
    const all = totals(counts, USAGE_EVENTS);
    expect(all.map((b) => b.key)).toEqual([...USAGE_EVENTS]);
    expect(all.find((b) => b.key === 'filter')?.n).toBe(22);
    expect(all.find((b) => b.key === 'idle-reset')?.n).toBe(0);
  });

  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([niceMax([]), niceMax([1]), niceMax([3]), niceMax([7]), niceMax([12]), niceMax([51]), niceMax([100])]).toEqual([1, 1, 5, 10, 20, 100, 100]);
  });

  it('builds the CSV link for the same period, keeping the hub path', () => {
    expect(csvLink('http://hub.local:8080/api/usage.csv', 1000, 2000)).toBe('http://hub.local:8080/api/usage.csv?from=1000&to=2000');
    expect(csvLink('http://hub.local/site-a/api/usage.csv', 1, 2, 'screen 1')).toBe('http://hub.local/site-a/api/usage.csv?from=1&to=2&screen=screen+1');
  });
});
