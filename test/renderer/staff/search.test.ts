import { describe, expect, it } from 'vitest';
import type { BookingRow } from '../../../src-renderer/core/rows';
import { foldText, searchBookings } from '../../../src-renderer/staff/desk/search';

function booking(id: string, code: string, holder: BookingRow['holder'], start: number): BookingRow {
  return { id, spaceId: 'drum-room', start, end: start + 3_600_000, holder, source: 'kiosk', status: 'confirmed', code, createdAt: 0, updatedAt: 0 };
}

const rows = [
  booking('1', 'K7-4QX', { kind: 'visitor', nickname: 'Zoë' }, 3000),
  booking('2', 'AB-CDE', { kind: 'organisation', id: 'repair-cafe-genk' }, 2000),
  booking('3', 'K7-4QY', { kind: 'visitor', nickname: 'Ahmet' }, 1000),
  booking('4', 'ZZ-ZZZ', { kind: 'organisation', id: 'academie-genk' }, 500),
];
const names = new Map([
  ['repair-cafe-genk', 'Repair Café Genk'],
  ['academie-genk', 'Academie Genk'],
]);
const search = (query: string) => searchBookings(rows, query, (id) => names.get(id)).map((m) => [m.booking.id, m.field]);

describe('searchBookings', () => {
  it('finds a code with or without its dash and in any case, the exact code first', () => {
    expect(search('k74qx')).toEqual([['1', 'code']]);
    expect(search('K7-4QY')).toEqual([['3', 'code']]);
    expect(search('k7')).toEqual([
      ['3', 'code'],
      ['1', 'code'],
    ]);
  });

  it('finds visitors by nickname without caring for accents', () => {
    expect(search('zoe')).toEqual([['1', 'person']]);
    expect(search('AHM')).toEqual([['3', 'person']]);
  });

  it('finds organisations by name or id, soonest first', () => {
    expect(search('café')).toEqual([['2', 'organisation']]);
    expect(search('genk')).toEqual([
      ['4', 'organisation'],
      ['2', 'organisation'],
    ]);
  });

  it('needs two characters and caps the list', () => {
    expect(search('k')).toEqual([]);
    expect(search('  ')).toEqual([]);
    expect(searchBookings(rows, 'genk', (id) => names.get(id), 1)).toHaveLength(1);
  });

  it('folds text the same way for both sides', () => {
    expect(foldText(' Coördinator-A ')).toBe('coordinatora');
  });
});
