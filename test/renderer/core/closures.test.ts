import { describe, expect, it } from 'vitest';
import { closureOn, closuresBetween } from '../../../src-renderer/core/closures';
import { localDateTimeToInstant } from '../../../src-renderer/core/schedule';

const TIME_ZONE = 'Europe/Brussels';
const easter = { from: '2026-04-06', until: '2026-04-10', reason: { nl: 'Paasvakantie', en: 'Easter holidays' } };
const inventory = { from: '2026-04-20', until: '2026-04-20' };
const site = { timeZone: TIME_ZONE, closures: [easter, inventory] };
const at = (local: string) => localDateTimeToInstant(local, TIME_ZONE);

describe('closureOn', () => {
  it('finds the closure of the local day, first and last day included', () => {
    expect(closureOn(site, at('2026-04-06T00:00'))).toBe(easter);
    expect(closureOn(site, at('2026-04-10T23:59'))).toBe(easter);
    expect(closureOn(site, at('2026-04-11T00:00'))).toBeUndefined();
    expect(closureOn(site, at('2026-04-05T23:59'))).toBeUndefined();
  });

  it('reads the day in the site zone, not in UTC', () => {
    // 00:30 on 6 April in Brussels is still 5 April in UTC.
    expect(closureOn(site, Date.parse('2026-04-05T22:30:00Z'))).toBe(easter);
  });
});

describe('closuresBetween', () => {
  it('lists the closures with a day in the range', () => {
    expect(closuresBetween(site, at('2026-04-01T00:00'), at('2026-04-06T00:01'))).toEqual([easter]);
    expect(closuresBetween(site, at('2026-04-01T00:00'), at('2026-04-06T00:00'))).toEqual([]);
    expect(closuresBetween(site, at('2026-04-08T12:00'), at('2026-04-30T00:00'))).toEqual([easter, inventory]);
    expect(closuresBetween(site, at('2026-04-11T00:00'), at('2026-04-19T00:00'))).toEqual([]);
  });
});
