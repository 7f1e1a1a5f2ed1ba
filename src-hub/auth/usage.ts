// Usage figures: counts per hour, per screen, per event and key — never a visitor's trail. A kiosk
// adds up what happened in each hour before it sends anything (src-renderer/core/usage.ts), the hub
// adds the batches into one row per (hour, screen, event, key), and nothing stored says which taps
// came from the same visitor or in which order. Exports show counts under 5 as "< 5".
import type { RecordUsageRequest, UsageCount, UsageEvent } from '../../src-renderer/core/hub/contract';
import type { StoreContext } from '../db/context';
import { runWrite } from '../db/write';
import { HubRequestError } from '../service';

/** The longest span one query may ask for. */
const MAX_SPAN_MS = 400 * 86_400_000;
/** Counts below this are shown as "< 5" in exports. */
export const SMALL_COUNT = 5;

export class Usage {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  async record(screenId: string, request: RecordUsageRequest): Promise<{ counted: number }> {
    const now = this.#ctx.now();
    // A kiosk's clock may be off, but not by days: counts far from now are refused rather than stored in the wrong place.
    const wrong = request.counts.find((count) => count.hour > now + 2 * 3_600_000 || count.hour < now - 31 * 86_400_000);
    if (wrong) throw new HubRequestError(400, 'bad-request', `A count is for the hour starting ${new Date(wrong.hour).toISOString()}, too far from the hub's clock; check the screen's clock.`);
    return runWrite(this.#ctx, { route: 'recordUsage', key: request.idempotencyKey, request: { screenId, counts: request.counts } }, async (tx) => {
      if (request.counts.length > 0) {
        await tx.query(
          `INSERT INTO usage_counts (hour, screen_id, event, key, n)
           SELECT (c->>'hour')::bigint, $1, c->>'event', c->>'key', sum((c->>'n')::bigint)
             FROM jsonb_array_elements($2::jsonb) AS c GROUP BY 1, 3, 4
           ON CONFLICT (hour, screen_id, event, key) DO UPDATE SET n = usage_counts.n + EXCLUDED.n`,
          [screenId, JSON.stringify(request.counts)],
        );
      }
      return { response: { counted: request.counts.reduce((sum, count) => sum + count.n, 0) } };
    });
  }

  async query(from: number, to: number, screenId?: string): Promise<UsageCount[]> {
    if (!(to > from)) throw new HubRequestError(400, 'bad-request', '`to` must be after `from`.');
    if (to - from > MAX_SPAN_MS) throw new HubRequestError(400, 'bad-request', 'Ask for at most 400 days at once.');
    const { rows } = await this.#ctx.sql.query<{ hour: number; screen_id: string; event: UsageEvent; key: string; n: number }>(
      `SELECT hour, screen_id, event, key, n FROM usage_counts WHERE hour >= $1 AND hour < $2 AND ($3::text IS NULL OR screen_id = $3) ORDER BY hour, screen_id, event, key`,
      [from, to, screenId ?? null],
    );
    return rows.map((row) => ({ hour: row.hour, screenId: row.screen_id, event: row.event, key: row.key, n: row.n }));
  }
}

/**
 * The counts as CSV (RFC 4180, UTF-8): one line per hour, screen, event and key, the hour both as
 * UTC and in the site's time zone; counts under SMALL_COUNT as "< 5".
 */
export function usageCsv(counts: readonly UsageCount[], screenNames: ReadonlyMap<string, string>, timeZone: string): string {
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const lines = [['hour_utc', 'hour_local', 'screen', 'event', 'key', 'count'].join(',')];
  for (const count of counts) {
    lines.push(
      [new Date(count.hour).toISOString(), local.format(count.hour), screenNames.get(count.screenId) ?? count.screenId, count.event, count.key, count.n < SMALL_COUNT ? '< 5' : String(count.n)]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  // A field a spreadsheet would run as a formula gets a leading quote mark (OWASP's CSV injection advice).
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
