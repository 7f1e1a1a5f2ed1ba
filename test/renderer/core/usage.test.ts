import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../src-renderer/core/hub/contract';
import { countUsage, hourOf, mergeUsage, parseUsage, totalUsage, type UsageEntry } from '../../../src-renderer/core/usage';

const T = Date.UTC(2026, 11, 2, 14, 30); // 15:30 in Genk
const HOUR = Date.UTC(2026, 11, 2, 14);

describe('usage counts', () => {
  it('puts every event in the hour it happened, counting alike events together', () => {
    let counts: UsageEntry[] = [];
    counts = countUsage(counts, 'filter', 'level:see-do', T);
    counts = countUsage(counts, 'session-started', '', T + 60_000);
    counts = countUsage(counts, 'filter', 'level:see-do', T + 120_000);
    counts = countUsage(counts, 'session-started', '', T + HOUR_MS);
    expect(counts).toEqual([
      { hour: HOUR, event: 'filter', key: 'level:see-do', n: 2 },
      { hour: HOUR, event: 'session-started', key: '', n: 1 },
      { hour: HOUR + HOUR_MS, event: 'session-started', key: '', n: 1 },
    ]);
    expect(totalUsage(counts)).toBe(4);
    expect(hourOf(T)).toBe(HOUR);
  });

  it('keeps no trace of the order in which things happened', () => {
    const taps: [Parameters<typeof countUsage>[1], string][] = [
      ['session-started', ''],
      ['language', 'en'],
      ['filter', 'theme:music'],
      ['sheet-opened', 'drum-circle'],
      ['path-added', 'drum-circle'],
      ['path-qr', ''],
    ];
    const forwards = taps.reduce<UsageEntry[]>((counts, [event, key], index) => countUsage(counts, event, key, T + index * 1000), []);
    const backwards = [...taps].reverse().reduce<UsageEntry[]>((counts, [event, key], index) => countUsage(counts, event, key, T + index * 1000), []);
    expect(JSON.stringify(forwards)).toBe(JSON.stringify(backwards));
    for (const entry of forwards) expect(Object.keys(entry).sort()).toEqual(['event', 'hour', 'key', 'n']);
  });

  it('adds two sets of counts up without changing either', () => {
    const a: UsageEntry[] = [{ hour: HOUR, event: 'idle-reset', key: '', n: 2 }];
    const b: UsageEntry[] = [
      { hour: HOUR, event: 'idle-reset', key: '', n: 3 },
      { hour: HOUR, event: 'booking-made', key: 'drum-room', n: 1 },
    ];
    expect(mergeUsage(a, b)).toEqual([
      { hour: HOUR, event: 'booking-made', key: 'drum-room', n: 1 },
      { hour: HOUR, event: 'idle-reset', key: '', n: 5 },
    ]);
    expect(a[0]!.n).toBe(2);
  });

  it('reads back only well-formed counts from storage', () => {
    expect(parseUsage('nonsense')).toEqual([]);
    expect(
      parseUsage([
        { hour: HOUR, event: 'language', key: 'fr', n: 2 },
        { hour: HOUR + 1, event: 'language', key: 'fr', n: 2 },
        { hour: HOUR, event: 'visitor-name', key: 'Mo', n: 1 },
        { hour: HOUR, event: 'language', key: 'fr', n: 0 },
        null,
      ]),
    ).toEqual([{ hour: HOUR, event: 'language', key: 'fr', n: 2 }]);
  });
});
