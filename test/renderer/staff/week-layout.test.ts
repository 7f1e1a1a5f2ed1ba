import { describe, expect, it } from 'vitest';
import type { BookingRow, OccurrenceRow } from '../../../src-renderer/core/rows';
import { buildingsOf, KIND_COLOURS, weekLayout, type LayoutSpace } from '../../../src-renderer/staff/desk/week-layout';

const TZ = 'Europe/Brussels';
const at = (local: string): number => Date.parse(`${local}+01:00`);
const DAYS = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];

const spaces: LayoutSpace[] = [
  { id: 'drum-room', name: 'Drumkamer', building: 'A', bookable: true },
  { id: 'dance-studio', name: 'Danszaal', building: 'A', bookable: false },
  { id: 'makerspace', name: 'Makerspace', building: 'D', bookable: true },
  { id: 'courtyard', name: 'Binnenplein', bookable: false },
  { id: 'art-studio', name: 'Atelier beeld', building: 'A', bookable: true },
];

function booking(id: string, spaceId: string, start: string, end: string, extra: Partial<BookingRow> = {}): BookingRow {
  return { id, spaceId, start: at(start), end: at(end), holder: { kind: 'visitor', nickname: 'An' }, source: 'kiosk', status: 'confirmed', code: `C-${id}`, createdAt: 0, updatedAt: 0, ...extra };
}

const organisations = new Map([['repair-cafe-genk', { name: 'Repair Café Genk', color: '#aa5500' }]]);
const input = (bookings: BookingRow[], sessions: OccurrenceRow[] = []) => ({
  spaces,
  bookings,
  sessions,
  days: DAYS,
  timeZone: TZ,
  organisation: (id: string) => organisations.get(id),
  activityTitle: (id: string) => `Activity ${id}`,
});

describe('weekLayout', () => {
  it('groups spaces by building, buildings in order and spaces without one last, bookable spaces first', () => {
    const groups = weekLayout(input([]));
    expect(groups.map((g) => g.building)).toEqual(['A', 'D', '']);
    expect(groups[0]?.rows.map((r) => r.spaceId)).toEqual(['art-studio', 'drum-room', 'dance-studio']);
    expect(groups[0]?.rows[0]?.cells).toHaveLength(7);
  });

  it('puts each booking and session in the cell of its space and local day, by start', () => {
    const groups = weekLayout(
      input(
        [
          booking('late', 'drum-room', '2026-12-02T20:00:00', '2026-12-02T21:00:00'),
          booking('early', 'drum-room', '2026-12-02T18:00:00', '2026-12-02T19:00:00', { holder: { kind: 'organisation', id: 'repair-cafe-genk' }, source: 'staff' }),
          booking('series', 'makerspace', '2026-12-05T10:00:00', '2026-12-05T12:00:00', { seriesId: 's1', source: 'staff', holder: { kind: 'organisation', id: 'unknown-org' } }),
          booking('gone', 'drum-room', '2026-12-03T18:00:00', '2026-12-03T19:00:00', { status: 'cancelled' }),
        ],
        [{ id: 'o1', activityId: 'jam', spaceId: 'courtyard', start: at('2026-11-30T14:00:00'), end: at('2026-11-30T16:00:00'), source: 'config' }],
      ),
    );
    const drum = groups[0]?.rows.find((r) => r.spaceId === 'drum-room');
    expect(drum?.cells[2]?.map((b) => [b.key, b.kind, b.time, b.label, b.color])).toEqual([
      ['booking:early', 'staff', '18:00–19:00', 'Repair Café Genk', '#aa5500'],
      ['booking:late', 'visitor', '20:00–21:00', 'An', KIND_COLOURS.visitor],
    ]);
    expect(drum?.cells[3]).toEqual([]);
    const maker = groups[1]?.rows[0];
    expect(maker?.cells[5]?.[0]).toMatchObject({ kind: 'series', label: 'unknown-org', code: 'C-series', color: KIND_COLOURS.series });
    const outside = groups[2]?.rows[0];
    expect(outside?.cells[0]?.[0]).toMatchObject({ key: 'session:o1', kind: 'session', label: 'Activity jam', target: { kind: 'session', id: 'o1' } });
  });

  it('reads days in the site time zone, not UTC (a booking at 00:30 local belongs to that day)', () => {
    const groups = weekLayout(input([booking('night', 'drum-room', '2026-12-04T00:30:00', '2026-12-04T01:00:00')]));
    const drum = groups[0]?.rows.find((r) => r.spaceId === 'drum-room');
    expect(drum?.cells.map((cell) => cell.length)).toEqual([0, 0, 0, 0, 1, 0, 0]);
  });

  it('leaves out what is outside the days shown or in spaces not shown, and keeps one day for the day view', () => {
    const groups = weekLayout({ ...input([booking('x', 'drum-room', '2026-12-09T18:00:00', '2026-12-09T19:00:00'), booking('y', 'nowhere', '2026-12-02T18:00:00', '2026-12-02T19:00:00')]), days: ['2026-12-02'] });
    expect(groups.flatMap((g) => g.rows.flatMap((r) => r.cells.flat()))).toEqual([]);
    expect(groups[0]?.rows[0]?.cells).toHaveLength(1);
  });

  it('lists buildings in the same order as the groups', () => {
    expect(buildingsOf(spaces)).toEqual(['A', 'D', '']);
    expect(buildingsOf([{ building: 'B10' }, { building: 'B9' }])).toEqual(['B9', 'B10']);
  });
});
