import { describe, expect, it } from 'vitest';
import { actorName, auditChanges, formatField } from '../../../src-renderer/staff/describe';

const TZ = 'Europe/Brussels';
const booking = {
  id: 'bk-1',
  spaceId: 'music-1',
  start: Date.parse('2026-12-09T17:00:00Z'),
  end: Date.parse('2026-12-09T18:00:00Z'),
  holder: { kind: 'visitor', nickname: 'Anna' },
  status: 'confirmed',
  code: 'K3P9QX',
  createdAt: 1,
  updatedAt: 1,
};

describe('audit summaries', () => {
  it('lists only what changed, with instants in site time', () => {
    const moved = { ...booking, start: booking.start + 3_600_000, end: booking.end + 3_600_000, updatedAt: 2 };
    expect(auditChanges(booking, moved, TZ)).toEqual([
      { field: 'start', before: '2026-12-09 18:00', after: '2026-12-09 19:00' },
      { field: 'end', before: '2026-12-09 19:00', after: '2026-12-09 20:00' },
    ]);
    expect(auditChanges(booking, { ...booking, status: 'cancelled' }, TZ)).toEqual([{ field: 'status', before: 'confirmed', after: 'cancelled' }]);
  });

  it('shows the fields of a new or removed row, without ids or row timestamps', () => {
    const created = auditChanges(undefined, booking, TZ);
    expect(created.map((change) => change.field)).toEqual(['status', 'spaceId', 'start', 'end', 'holder', 'code']);
    expect(created.every((change) => change.before === undefined)).toBe(true);
    expect(created.find((change) => change.field === 'holder')?.after).toBe('visitor Anna');
    expect(auditChanges(booking, undefined, TZ).every((change) => change.after === undefined)).toBe(true);
    expect(auditChanges(undefined, undefined, TZ)).toEqual([]);
  });

  it('flattens periods, contacts and lists', () => {
    expect(formatField('period', { from: '2026-01-01', until: '2026-06-30' }, TZ)).toBe('from 2026-01-01, until 2026-06-30');
    expect(formatField('exceptions', ['2026-12-09', '2026-12-16'], TZ)).toBe('2026-12-09, 2026-12-16');
    expect(formatField('exceptions', [], TZ)).toBe('—');
    expect(formatField('holder', { kind: 'organisation', id: 'thor-park' }, TZ)).toBe('thor-park');
    expect(formatField('contact', { name: 'Els', email: '' }, TZ)).toBe('name Els');
  });

  it('names the actor by the staff label', () => {
    expect(actorName('staff:AB')).toBe('AB');
    expect(actorName('kiosk')).toBe('kiosk');
    expect(actorName(undefined)).toBe('—');
  });
});
