import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_V1, SCHEMA_V2, openKioskDatabase, metaRow, readMeta, type KioskDatabase } from '../../../src-renderer/db/database';
import { freshDatabase } from './fixtures';

/** The v1 schema exactly as it shipped. Shipped versions never change: add a version instead. */
const SHIPPED_V1 = {
  spaces: '&id, source',
  organisations: '&id, kind, source',
  activities: '&id, level, *themes, space, organiser, source',
  occurrences: '&id, start, activityId, source',
  bookings: '&id, [spaceId+start], status, code',
  auditLog: '++seq, at, entity',
  meta: '&key',
};

/** v2 as it shipped: occurrences gained [spaceId+start]. */
const SHIPPED_V2 = {
  ...SHIPPED_V1,
  occurrences: '&id, [spaceId+start], start, activityId, source',
};

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function track<T extends Dexie>(db: T): T {
  opened.push(db);
  return db;
}

describe('KioskDatabase schema', () => {
  it('opens at version 4 with every table and index', async () => {
    const db = track(freshDatabase());
    await db.open();

    expect(db.verno).toBe(4);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      ['activities', 'auditLog', 'bookings', 'meta', 'occurrences', 'organisations', 'screens', 'series', 'spaces'].sort(),
    );
    const indexes = (table: string) => db.table(table).schema.indexes.map((i) => i.name);
    expect(indexes('occurrences')).toEqual(expect.arrayContaining(['[spaceId+start]', 'start', 'activityId', 'source']));
    expect(indexes('bookings')).toEqual(expect.arrayContaining(['[spaceId+start]', 'status', 'code', 'seriesId']));
    expect(indexes('series')).toEqual(expect.arrayContaining(['spaceId', 'organisationId']));
    expect(indexes('activities')).toEqual(expect.arrayContaining(['level', 'themes', 'space', 'organiser', 'source']));
    expect(db.activities.schema.idxByName['themes']?.multi).toBe(true);
    expect(db.auditLog.schema.primKey).toMatchObject({ name: 'seq', auto: true });
    expect(db.meta.schema.primKey.name).toBe('key');
    expect(db.screens.schema.primKey.name).toBe('id');
  });

  it('runs read-write transactions with strict durability', async () => {
    const db = track(freshDatabase());
    const durability = await db.transaction('rw', db.meta, () => {
      const idbtrans = (Dexie.currentTransaction as unknown as { idbtrans: IDBTransaction }).idbtrans;
      return idbtrans.durability;
    });
    expect(durability).toBe('strict');
  });

  it('never changes the shipped v1 and v2 schemas', () => {
    expect(SCHEMA_V1).toEqual(SHIPPED_V1);
    expect(SCHEMA_V2).toEqual(SHIPPED_V2);
  });

  it('stores typed meta values', async () => {
    const db = track(freshDatabase());
    expect(await readMeta(db, 'configHash')).toBeUndefined();
    await db.meta.put(metaRow('occurrenceWindow', { from: 1, to: 2 }));
    expect(await readMeta(db, 'occurrenceWindow')).toEqual({ from: 1, to: 2 });
  });
});

describe('migration v1 → v2', () => {
  async function createV1(name: string): Promise<void> {
    const v1 = new Dexie(name);
    v1.version(1).stores(SHIPPED_V1);
    await v1.transaction('rw', v1.tables, async () => {
      await v1.table('spaces').bulkAdd([
        { id: 'hall', name: { nl: 'Zaal' }, kind: 'room', at: { x: 1, y: 2 }, equipment: [], concurrent: false, source: 'config' },
      ]);
      await v1.table('activities').bulkAdd([
        { id: 'choir', level: 'see-do', themes: ['music'], organiser: 'o', space: 'hall', source: 'config' },
        { id: 'walk', level: 'see-do', themes: [], organiser: 'o', source: 'config' },
        { id: 'jam', level: 'do-together', themes: [], organiser: 'o', space: 'studio', source: 'staff' },
      ]);
      await v1.table('occurrences').bulkAdd([
        { id: 'choir@1000', activityId: 'choir', start: 1000, end: 2000, source: 'config' },
        { id: 'choir@5000', activityId: 'choir', start: 5000, end: 6000, source: 'config' },
        { id: 'walk@1000', activityId: 'walk', start: 1000, end: 2000, source: 'config' },
        { id: 'jam@3000', activityId: 'jam', start: 3000, end: 4000, source: 'staff' },
        // An occurrence whose activity is gone must survive the migration untouched.
        { id: 'gone@1000', activityId: 'gone', start: 1000, end: 2000, source: 'import' },
      ]);
      await v1.table('bookings').add({
        id: 'b1', spaceId: 'hall', start: 1000, end: 2000, holder: { kind: 'visitor', nickname: 'Mo' },
        source: 'kiosk', status: 'confirmed', code: 'K7Q2', createdAt: 1, updatedAt: 1,
      });
      await v1.table('auditLog').add({ at: 1, entity: 'booking', entityId: 'b1', action: 'created' });
      await v1.table('meta').add({ key: 'configHash', value: 'abc' });
    });
    expect(v1.verno).toBe(1);
    v1.close();
  }

  it('fills spaceId from the activity and loses nothing', async () => {
    const name = `wegwijzer-migration-${Math.random().toString(36).slice(2)}`;
    await createV1(name);

    const db: KioskDatabase = track(openKioskDatabase(name));
    await db.open();

    expect(db.verno).toBe(4);
    const byId = new Map((await db.occurrences.toArray()).map((o) => [o.id, o]));
    expect(byId.size).toBe(5);
    expect(byId.get('choir@1000')).toEqual({ id: 'choir@1000', activityId: 'choir', spaceId: 'hall', start: 1000, end: 2000, source: 'config' });
    expect(byId.get('jam@3000')?.spaceId).toBe('studio');
    expect(byId.get('walk@1000')).not.toHaveProperty('spaceId');
    expect(byId.get('gone@1000')).toEqual({ id: 'gone@1000', activityId: 'gone', start: 1000, end: 2000, source: 'import' });

    // The new compound index is populated by the migration.
    const inHall = await db.occurrences.where('[spaceId+start]').between(['hall', 0], ['hall', 10_000]).primaryKeys();
    expect(inHall).toEqual(['choir@1000', 'choir@5000']);

    expect(await db.spaces.count()).toBe(1);
    expect(await db.activities.count()).toBe(3);
    expect(await db.bookings.get('b1')).toMatchObject({ code: 'K7Q2', status: 'confirmed' });
    expect(await db.auditLog.count()).toBe(1);
    expect(await readMeta(db, 'configHash')).toBe('abc');
  });
});

describe('migration v2 → v3', () => {
  it('adds the series table and indexes existing bookings by series, losing nothing', async () => {
    const name = `wegwijzer-migration-v3-${Math.random().toString(36).slice(2)}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(SHIPPED_V2);
    await v2.table('bookings').bulkAdd([
      { id: 'b1', spaceId: 'hall', start: 1000, end: 2000, holder: { kind: 'visitor', nickname: 'Mo' }, source: 'kiosk', status: 'confirmed', code: 'K7Q2XY', createdAt: 1, updatedAt: 1 },
      { id: 'b2', spaceId: 'hall', start: 3000, end: 4000, holder: { kind: 'organisation', id: 'o' }, source: 'staff', status: 'cancelled', code: 'K7Q2XZ', createdAt: 1, updatedAt: 2 },
    ]);
    await v2.table('auditLog').add({ at: 1, entity: 'booking', entityId: 'b1', action: 'created' });
    v2.close();

    const db: KioskDatabase = track(openKioskDatabase(name));
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.bookings.toArray()).toHaveLength(2);
    expect(await db.bookings.get('b1')).toMatchObject({ code: 'K7Q2XY', status: 'confirmed' });
    expect(await db.bookings.where('[spaceId+start]').between(['hall', 0], ['hall', 10_000]).primaryKeys()).toEqual(['b1', 'b2']);
    expect(await db.series.count()).toBe(0);
    await db.series.add({ id: 's1', spaceId: 'hall', organisationId: 'o', startTime: '19:00', minutes: 60, pattern: { kind: 'weekly', interval: 1 }, from: '2026-01-01', count: 2, exceptions: [], createdAt: 1, updatedAt: 1 });
    await db.bookings.update('b2', { seriesId: 's1' });
    expect(await db.bookings.where('seriesId').equals('s1').primaryKeys()).toEqual(['b2']);
    expect(await db.auditLog.count()).toBe(1);
  });
});
