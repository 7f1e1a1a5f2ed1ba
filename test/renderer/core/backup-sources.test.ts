import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION, validateBackupShape, type BackupData } from '../../../src-renderer/core/backup';

function file(data: Partial<BackupData>) {
  const full: BackupData = { bookings: [], series: [], spaces: [], organisations: [], activities: [], occurrences: [], auditLog: [], meta: [], ...data };
  const counts = Object.fromEntries(BACKUP_TABLES.map((table) => [table, full[table].length]));
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, schemaVersion: 3, exportedAt: 1, counts, data: full };
}

const feedActivity = {
  id: 'uit-genk-1a2b',
  title: { nl: 'Stadswandeling' },
  summary: {},
  description: {},
  level: 'see-do' as const,
  themes: ['nature'],
  organiser: 'uit',
  place: { name: 'C-Mine', address: 'C-Mine 10, 3600 Genk', geo: { lat: 50.99, lon: 5.5 } },
  schedule: [],
  ages: { min: 0 },
  price: { kind: 'free' as const },
  languages: ['nl'],
  registration: 'walk-in' as const,
  badges: [],
  nextSteps: [],
  origin: { feed: 'uit-genk', kind: 'uitdatabank' as const, name: 'UiT in Genk', sourceId: 'x' },
  source: 'feed' as const,
};

describe('backup rows by source', () => {
  it('does not refuse a file for rows a feed brought in (the hub leaves them out; its feeds\' rebuild replaces any)', () => {
    const shape = validateBackupShape(
      file({ activities: [feedActivity], occurrences: [{ id: 'uit-genk-1a2b@5', activityId: 'uit-genk-1a2b', start: 5, end: 6, status: 'cancelled', source: 'feed' }] }),
      3,
    );
    expect(shape).toMatchObject({ ok: true });
  });

  it('still refuses config rows, naming the sources it takes', () => {
    const shape = validateBackupShape(file({ activities: [{ ...feedActivity, source: 'config' as never }] }), 3);
    expect(shape.ok).toBe(false);
    expect(shape.ok ? '' : shape.errors.map((error) => error.message).join('\n')).toMatch(/source must be staff, import or feed/);
  });
});
