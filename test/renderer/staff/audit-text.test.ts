import { describe, expect, it } from 'vitest';
import { auditActor, auditSubject, readableChanges, readableValue, type AuditWords } from '../../../src-renderer/staff/audit-text';

const words: AuditWords = {
  timeZone: 'Europe/Brussels',
  space: (id) => ({ 'drum-room': 'Drumkamer', makerspace: 'Makerspace' })[id],
  organisation: (id) => ({ 'repair-cafe-genk': 'Repair Café Genk' })[id],
  field: (field) => ({ spaceId: 'Ruimte', start: 'Begin', end: 'Einde', holder: 'Voor wie', status: 'Status', name: 'Naam', period: 'Periode' })[field] ?? field,
  dateTime: (ms) => new Date(ms).toISOString().slice(0, 16),
  actor: (kind) => (kind === 'kiosk' ? 'Kiosk (bezoeker)' : 'Systeem'),
  visitor: (name) => `bezoeker ${name}`,
};

const before = { id: 'b1', code: 'K7-4QX', spaceId: 'drum-room', start: Date.UTC(2026, 11, 2, 17), end: Date.UTC(2026, 11, 2, 18), holder: { kind: 'organisation', id: 'repair-cafe-genk' }, status: 'confirmed' };

describe('readable audit log', () => {
  it('names the person, the kiosk or the system', () => {
    expect(auditActor('staff:Carla Coördinator', words)).toBe('Carla Coördinator');
    expect(auditActor('account:Rik Repair', words)).toBe('Rik Repair');
    expect(auditActor('kiosk', words)).toBe('Kiosk (bezoeker)');
    expect(auditActor('system', words)).toBe('Systeem');
    expect(auditActor(undefined, words)).toBe('—');
  });

  it('shows a move as labelled fields with names and dates, before → after', () => {
    const after = { ...before, spaceId: 'makerspace', start: Date.UTC(2026, 11, 3, 17), end: Date.UTC(2026, 11, 3, 18) };
    expect(readableChanges(before, after, words)).toEqual([
      { field: 'spaceId', label: 'Ruimte', before: 'Drumkamer', after: 'Makerspace' },
      { field: 'start', label: 'Begin', before: '2026-12-02T17:00', after: '2026-12-03T17:00' },
      { field: 'end', label: 'Einde', before: '2026-12-02T18:00', after: '2026-12-03T18:00' },
    ]);
  });

  it('shows a creation with its one side, holders by name', () => {
    const changes = readableChanges(undefined, before, words);
    expect(changes.find((c) => c.field === 'holder')).toEqual({ field: 'holder', label: 'Voor wie', after: 'Repair Café Genk' });
    expect(changes.every((c) => c.before === undefined)).toBe(true);
    expect(readableValue('holder', { kind: 'visitor', nickname: 'An' }, words)).toBe('bezoeker An');
    expect(readableValue('period', { from: '2026-01-01', until: '2026-06-30' }, words)).toBe('2026-01-01 – 2026-06-30');
  });

  it('keeps an unknown id visible rather than showing nothing', () => {
    expect(readableValue('spaceId', 'gone-room', words)).toBe('gone-room');
    expect(readableValue('purpose', '', words)).toBe('—');
  });

  it('says what the entry is about: code and space, or the organisation by name', () => {
    expect(auditSubject({ entity: 'booking', entityId: 'b1', after: before }, words)).toBe('K7-4QX · Drumkamer');
    expect(auditSubject({ entity: 'organisation', entityId: 'repair-cafe-genk' }, words)).toBe('Repair Café Genk');
    expect(auditSubject({ entity: 'config', entityId: 'abc' }, words)).toBe('abc');
  });
});
