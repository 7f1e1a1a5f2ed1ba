import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { actorLabel, audit, listAudit } from '../../../src-renderer/db/audit';
import type { KioskDatabase } from '../../../src-renderer/db/database';
import { freshDatabase } from './fixtures';

const opened: KioskDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('audit log', () => {
  it('records who, what, when, before and after; lists newest first', async () => {
    const db = freshDatabase();
    opened.push(db);
    await db.transaction('rw', db.auditLog, async () => {
      await audit(db, { actor: 'kiosk', entity: 'booking', entityId: 'b1', action: 'created', after: { id: 'b1' }, at: 1 });
      await audit(db, { actor: { staff: 'An' }, entity: 'booking', entityId: 'b1', action: 'cancelled', before: { id: 'b1' }, after: { id: 'b1', status: 'cancelled' }, at: 2 });
      await audit(db, { actor: 'system', entity: 'series', entityId: 's1', action: 'created', at: 3 });
    });
    const all = await listAudit(db, { limit: 10 });
    expect(all.map((e) => [e.seq, e.actor, e.action])).toEqual([[3, 'system', 'created'], [2, 'staff:An', 'cancelled'], [1, 'kiosk', 'created']]);
    expect(all[1]).toEqual({ seq: 2, at: 2, entity: 'booking', entityId: 'b1', action: 'cancelled', actor: 'staff:An', before: { id: 'b1' }, after: { id: 'b1', status: 'cancelled' } });
    expect((await listAudit(db, { limit: 1 })).map((e) => e.seq)).toEqual([3]);
    expect((await listAudit(db, { entity: 'booking' })).map((e) => e.seq)).toEqual([2, 1]);
    expect((await listAudit(db, { entity: 'series', entityId: 's1' })).map((e) => e.seq)).toEqual([3]);
    expect(actorLabel({ staff: 'Bea' })).toBe('staff:Bea');
  });

  it('rolls back with the change it records', async () => {
    const db = freshDatabase();
    opened.push(db);
    await expect(
      db.transaction('rw', db.bookings, db.auditLog, async () => {
        await audit(db, { actor: 'kiosk', entity: 'booking', action: 'created', at: 1 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.auditLog.count()).toBe(0);
  });

  it('must be inside a transaction that includes the audit log', async () => {
    const db = freshDatabase();
    opened.push(db);
    await expect(db.transaction('rw', db.bookings, () => audit(db, { actor: 'kiosk', entity: 'booking', action: 'created', at: 1 }))).rejects.toThrow();
    expect(await db.auditLog.count()).toBe(0);
  });
});
