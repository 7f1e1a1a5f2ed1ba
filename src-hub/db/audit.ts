// The audit log: who changed what, when, with the row before and after. Every write hands its
// records to the change stream's tail (changes.ts), which numbers and stores them in the write's own
// transaction, so a change and its record commit together or not at all.
import type { RecordAuditRequest } from '../../src-renderer/core/hub/contract';
import { actorLabel, type Actor, type AuditEntry } from '../../src-renderer/core/rows';
import type { StoreContext } from './context';
import { runWrite } from './write';

export interface AuditRecord {
  actor: Actor | 'system';
  entity: string;
  entityId?: string;
  action: string;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

/** The stored entry of a record, numbered `seq`, at `at`: the same shape the kiosk's log had. */
export function auditEntry(record: AuditRecord, seq: number, at: number): AuditEntry {
  return {
    seq,
    at,
    entity: record.entity,
    action: record.action,
    actor: actorLabel(record.actor),
    ...(record.entityId === undefined ? {} : { entityId: record.entityId }),
    ...(record.before === undefined ? {} : { before: record.before }),
    ...(record.after === undefined ? {} : { after: record.after }),
    ...(record.detail === undefined ? {} : { detail: record.detail }),
  };
}

/** Staff tools record what they did outside the store (an export, a printed poster): one entry. */
export function recordAudit(ctx: StoreContext, request: RecordAuditRequest): Promise<{ seq: number }> {
  return runWrite(ctx, { route: 'recordAudit', key: request.idempotencyKey, request }, async () => ({
    audit: [{ actor: request.by, entity: request.entity, action: request.action, ...(request.entityId === undefined ? {} : { entityId: request.entityId }), ...(request.detail === undefined ? {} : { detail: request.detail }) }],
    respond: (auditSeqs) => ({ seq: auditSeqs[0] ?? 0 }),
  }));
}
