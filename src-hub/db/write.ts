// The shape of every write: ONE transaction that claims the idempotency key, runs the write's own
// work (rules checked with the pure core against what SQL holds now, rows written), then appends
// the audit entries and changes and stores the answer. Nothing of a refused write survives.
import type { HubRouteName } from '../../src-renderer/core/hub/contract';
import type { AuditRecord } from './audit';
import { appendChanges, type RowChange } from './changes';
import type { StoreContext } from './context';
import { claimKey, requestHash } from './idempotency';
import { EXCLUSION_VIOLATION, sqlState, UNIQUE_VIOLATION, type Sql } from './sql';

export interface Intent {
  route: HubRouteName;
  key: string;
  /** What was asked, path parameters included: a retry must ask exactly this again. */
  request: unknown;
}

export type WriteOutcome<R> = { audit?: AuditRecord[]; changes?: RowChange[] } & ({ response: R } | { respond: (auditSeqs: number[]) => R });

const WRITE_ATTEMPTS = 4;

export async function runWrite<R>(ctx: StoreContext, intent: Intent, work: (tx: Sql, now: number) => Promise<WriteOutcome<R>>): Promise<R> {
  const hash = requestHash(intent.route, intent.request);
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await ctx.sql.transaction(async (tx) => {
        const now = ctx.now();
        const claim = await claimKey(tx, intent.key, intent.route, hash, now);
        if (claim) return { response: claim.replay as R, seq: undefined };
        const outcome = await work(tx, now);
        const respond = 'respond' in outcome ? outcome.respond : () => outcome.response;
        const audit = outcome.audit ?? [];
        const changes = outcome.changes ?? [];
        // A write that changes nothing a screen mirrors (usage counts) stores its answer and wakes no one.
        if (audit.length === 0 && changes.length === 0) {
          const response = respond([]);
          await tx.query('UPDATE idempotency SET response = $1::jsonb WHERE key = $2', [JSON.stringify(response ?? null), intent.key]);
          return { response, seq: undefined };
        }
        return appendChanges(tx, now, { audit, changes, idempotencyKey: intent.key }, respond);
      });
      if (result.seq !== undefined) ctx.committed();
      return result.response;
    } catch (error) {
      // Another transaction committed a booking code, a key or a slot this one also took. Started
      // again, the write reads that commit: the rules refuse the slot, the key answers as a replay,
      // a code is drawn anew. (A 23P01 that persists is the caller's to explain.)
      const state = sqlState(error);
      if ((state === UNIQUE_VIOLATION || state === EXCLUSION_VIOLATION) && attempt < WRITE_ATTEMPTS) continue;
      throw error;
    }
  }
}
