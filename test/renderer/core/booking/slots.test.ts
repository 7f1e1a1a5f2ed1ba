import { describe, expect, it } from 'vitest';
import { checkBooking } from '../../../../src-renderer/core/booking/rules';
import { findFreeSlots, findFreeSlotsBetween, nearestFreeSlots, nextFreeAnywhere } from '../../../../src-renderer/core/booking/slots';
import { MINUTE, NOW, at, booking, local, nightStudio, practiceRoom, session, site } from './fixtures';

const times = (slots: { from: string }[]) => slots.map((slot) => slot.from);

describe('findFreeSlots on an ordinary day', () => {
  const room = practiceRoom();

  it('offers every grid start inside the opening hours', () => {
    const slots = findFreeSlots(room, '2026-03-23', { site: site(), now: NOW, existing: [] }, { minutes: 60 });
    expect(times(slots)).toEqual(['18:00', '18:30', '19:00', '19:30', '20:00', '20:30', '21:00']);
    expect(slots[0]).toEqual({
      spaceId: 'practice-1',
      start: at('2026-03-23T18:00'),
      end: at('2026-03-23T19:00'),
      minutes: 60,
      day: '2026-03-23',
      from: '18:00',
      to: '19:00',
      offset: '+01:00',
    });
  });

  it('defaults to the shortest booking and leaves out bookings, sessions and their buffers', () => {
    const existing = [booking('2026-03-23T19:00', '2026-03-23T20:00'), session('2026-03-23T21:00', '2026-03-23T21:20')];
    const slots = findFreeSlots(room, '2026-03-23', { site: site(), now: NOW, existing });
    // 18:30 ends at 19:00, inside the 10-minute buffer; 20:00 starts inside it; 20:30 ends at 21:00, inside the session's;
    // 21:30 starts 10 minutes after the session: just outside its buffer.
    expect(times(slots)).toEqual(['18:00', '21:30']);
  });

  it('offers nothing in the past, on closed days or beyond the horizon', () => {
    expect(times(findFreeSlots(room, '2026-03-23', { site: site(), now: at('2026-03-23T20:10'), existing: [] }, { minutes: 60 }))).toEqual(['20:30', '21:00']);
    expect(findFreeSlots(room, '2026-03-20', { site: site(), now: NOW, existing: [] })).toEqual([]);
    expect(findFreeSlots(room, '2026-04-07', { site: site(), now: NOW, existing: [] })).toEqual([]);
    expect(findFreeSlots(practiceRoom({ closures: [{ from: '2026-03-24', until: '2026-03-24' }] }), '2026-03-24', { site: site(), now: NOW, existing: [] })).toEqual([]);
    expect(findFreeSlots(room, '2026-04-07', { site: site(), now: NOW, existing: [] }, { by: 'staff' })).not.toEqual([]);
  });

  it('offers only slots that checkBooking accepts, and every one it accepts (exhaustive)', () => {
    const existing = [booking('2026-03-24T18:30', '2026-03-24T19:30'), session('2026-03-24T20:30', '2026-03-24T21:00')];
    const context = { site: site(), now: NOW, existing };
    for (const minutes of [30, 60, 90, 120]) {
      const offered = new Set(findFreeSlots(room, '2026-03-24', context, { minutes }).map((slot) => slot.start));
      for (let start = at('2026-03-24T00:00'); start < at('2026-03-25T00:00'); start += 30 * MINUTE) {
        const ok = checkBooking({ space: room, start, end: start + minutes * MINUTE, by: 'visitor' }, context).length === 0;
        expect(offered.has(start), `${local(start)} for ${minutes} min`).toBe(ok);
      }
    }
  });
});

describe('findFreeSlots on the DST days in Europe/Brussels', () => {
  const studio = nightStudio();
  const context = { site: site(), now: at('2026-03-20T12:00'), existing: [] };

  it('29 March (02:00 → 03:00): no slot starts in the gap; a slot across it keeps its real length', () => {
    const slots = findFreeSlots(studio, '2026-03-29', context, { minutes: 60 });
    const starts = times(slots);
    expect(starts).not.toContain('02:00');
    expect(starts).not.toContain('02:30');
    expect(starts.slice(0, 6)).toEqual(['00:00', '00:30', '01:00', '01:30', '03:00', '03:30']);
    // 46 grid points exist that day; the last start with a full hour left is 23:00.
    expect(slots).toHaveLength(45);
    for (const slot of slots) expect(slot.end - slot.start).toBe(60 * MINUTE);
    const across = slots.find((slot) => slot.from === '01:30');
    expect(across).toMatchObject({ to: '03:30', minutes: 60, offset: '+01:00' });
    expect(slots.find((slot) => slot.from === '03:00')?.offset).toBe('+02:00');
    expect(slots.at(-1)).toMatchObject({ from: '23:00', to: '24:00' });
  });

  it('25 October (03:00 → 02:00): both 02:00s and both 02:30s are offered, once each', () => {
    const slots = findFreeSlots(studio, '2026-10-25', { ...context, now: at('2026-10-20T12:00') }, { minutes: 30 });
    const labelled = slots.map((slot) => `${slot.from}${slot.offset}`);
    expect(labelled.slice(3, 9)).toEqual(['01:30+02:00', '02:00+02:00', '02:30+02:00', '02:00+01:00', '02:30+01:00', '03:00+01:00']);
    expect(slots).toHaveLength(50);
    const starts = slots.map((slot) => slot.start);
    expect(new Set(starts).size).toBe(starts.length);
    // In time order, 30 real minutes apart all night: nothing lost, nothing doubled.
    for (let i = 1; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBe(30 * MINUTE);
    expect(slots[5]).toMatchObject({ start: at('2026-10-25T02:30', 'earlier'), to: '02:00', offset: '+02:00' });
    expect(slots[7]).toMatchObject({ start: at('2026-10-25T02:30', 'later'), to: '03:00', offset: '+01:00' });
  });

  it('a booking in the first 02:00 hour leaves the second one free', () => {
    const existing = [{ start: at('2026-10-25T02:00', 'earlier'), end: at('2026-10-25T02:00', 'later'), kind: 'booking' as const }];
    const slots = findFreeSlots(studio, '2026-10-25', { site: site(), now: at('2026-10-20T12:00'), existing }, { minutes: 30 });
    const labelled = slots.map((slot) => `${slot.from}${slot.offset}`);
    expect(labelled).not.toContain('02:00+02:00');
    expect(labelled).not.toContain('02:30+02:00');
    expect(labelled).toContain('02:00+01:00');
  });

  it('a 24-hour day search around both changes covers 23 and 25 hours', () => {
    const spring = findFreeSlotsBetween(studio, '2026-03-28', 3, context, { minutes: 30 });
    expect(spring.filter((slot) => slot.day === '2026-03-29')).toHaveLength(46);
    expect(spring.filter((slot) => slot.day === '2026-03-28')).toHaveLength(48);
    expect(spring.filter((slot) => slot.day === '2026-03-30')).toHaveLength(48);
  });
});

describe('nextFreeAnywhere and nearestFreeSlots', () => {
  const rooms = [practiceRoom({}, 'room-a'), practiceRoom({}, 'room-b'), practiceRoom({ bookableBy: 'staff' }, 'office')];

  it('finds the first free hour in any space, earliest first', () => {
    const existing = new Map([
      ['room-a', [booking('2026-03-23T18:00', '2026-03-23T21:00')]],
      ['room-b', [booking('2026-03-23T18:00', '2026-03-23T19:00')]],
    ]);
    const found = nextFreeAnywhere(rooms, { site: site(), now: NOW, existing }, NOW);
    expect(found.map((slot) => [slot.spaceId, local(slot.start)])).toEqual([
      ['room-b', '2026-03-23T19:30'],
      ['room-a', '2026-03-24T18:00'],
    ]);
  });

  it('looks across days and stops at the horizon', () => {
    const found = nextFreeAnywhere([rooms[0]!], { site: site(), now: NOW, existing: new Map() }, at('2026-03-23T21:30'));
    expect(local(found[0]!.start)).toBe('2026-03-24T18:00');
    expect(nextFreeAnywhere([rooms[0]!], { site: site(), now: NOW, existing: new Map() }, NOW, { minutes: 180 })).toEqual([]);
  });

  it('offers the free slots nearest to a taken one', () => {
    const existing = [booking('2026-03-23T19:00', '2026-03-23T20:00')];
    const nearest = nearestFreeSlots(rooms[0]!, { start: at('2026-03-23T19:00'), end: at('2026-03-23T20:00') }, { site: site(), now: NOW, existing });
    expect(nearest.map((slot) => local(slot.start))).toEqual(['2026-03-23T20:30', '2026-03-23T21:00', '2026-03-24T18:00']);
    for (const slot of nearest) expect(slot.minutes).toBe(60);
  });
});
