// The audit log: who changed what, when, with the row before and after. Written inside the same
// transaction as the change it records (invariant I9), so a change and its record commit together or
// not at all; the auditLog table must therefore be in the caller's transaction scope.
import { actorLabel, type Actor } from '../core/rows';
import type { AuditEntry, KioskDatabase } from './database';

export { actorLabel, type Actor } from '../core/rows';

export interface AuditRecord {
  actor: Actor | 'system';
  entity: string;
  entityId?: string;
  action: string;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
  at: number;
}

/** Appends one entry. Call it inside the transaction of the change, with db.auditLog in its scope. */
export async function audit(db: KioskDatabase, record: AuditRecord): Promise<number> {
  const entry: Omit<AuditEntry, 'seq'> = {
    at: record.at,
    entity: record.entity,
    action: record.action,
    actor: actorLabel(record.actor),
    ...(record.entityId === undefined ? {} : { entityId: record.entityId }),
    ...(record.before === undefined ? {} : { before: record.before }),
    ...(record.after === undefined ? {} : { after: record.after }),
    ...(record.detail === undefined ? {} : { detail: record.detail }),
  };
  return db.auditLog.add(entry as AuditEntry);
}

/** The newest entries first; `entity`/`entityId` narrow it to one kind or one record. */
export async function listAudit(db: KioskDatabase, options: { limit?: number; entity?: string; entityId?: string } = {}): Promise<AuditEntry[]> {
  const { limit = 100, entity, entityId } = options;
  let collection = entity === undefined ? db.auditLog.orderBy('seq').reverse() : db.auditLog.where('entity').equals(entity).reverse();
  if (entityId !== undefined) collection = collection.filter((entry) => entry.entityId === entityId);
  // Within one entity the index returns ties by primary key, so reversed it is newest first too.
  return collection.limit(limit).toArray();
}
