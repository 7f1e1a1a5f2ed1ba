import { describe, expect, it } from 'vitest';
import { checkVisitorLimit, visitorKey } from '../../../../src-renderer/core/booking/fair-use';

describe('fair use at the kiosk', () => {
  it('takes one nickname however it is typed: case, spacing and composed accents', () => {
    expect(visitorKey('  Sam   de Vries ')).toBe(visitorKey('SAM DE VRIES'));
    expect(visitorKey('Zoe\u0301')).toBe(visitorKey('ZOÉ'));
    expect(visitorKey('Sam')).not.toBe(visitorKey('Samira'));
  });

  it('refuses once the upcoming bookings reach the limit, not before', () => {
    expect(checkVisitorLimit(0, 2)).toBeUndefined();
    expect(checkVisitorLimit(1, 2)).toBeUndefined();
    expect(checkVisitorLimit(2, 2)).toMatchObject({ rule: 'visitor-limit' });
    expect(checkVisitorLimit(1, 1)?.message).toContain('at most 1');
  });
});
