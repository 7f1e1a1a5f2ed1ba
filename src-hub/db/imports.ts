// A partner's offer as an iCalendar file. The hub reads the file itself (what a screen previewed
// is not trusted), labels it against what an earlier import of the same partner stored, and writes
// every activity, its occurrences and the audit entry in one transaction: an import lands whole or
// not at all. Imported rows carry source 'import'; a config reload never touches them.
import { ImportRefused } from '../../src-renderer/core/booking/errors';
import type { ImportResponse, ImportOfferRequest } from '../../src-renderer/core/hub/contract';
import { compareWithExisting, readIcsOffer, type ExistingImport } from '../../src-renderer/core/ical-import';
import { occurrenceId, type ActivityRow, type OccurrenceRow } from '../../src-renderer/core/rows';
import { startOfLocalDay } from '../../src-renderer/core/timing';
import { HubRequestError } from '../service';
import type { RowChange } from './changes';
import type { StoreContext } from './context';
import { requireOrganisation } from './lookups';
import type { Sql } from './sql';
import { runWrite } from './write';

/** Days of occurrences kept when the request does not say (the staff form's default). */
const DEFAULT_IMPORT_DAYS = 90;

export async function putActivities(tx: Sql, rows: readonly ActivityRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO activities (id, organiser, source, row)
     SELECT r->>'id', r->>'organiser', r->>'source', r FROM jsonb_array_elements($1::jsonb) AS r
     ON CONFLICT (id) DO UPDATE SET organiser = excluded.organiser, source = excluded.source, row = excluded.row`,
    [JSON.stringify(rows)],
  );
}

export async function putOccurrences(tx: Sql, rows: readonly OccurrenceRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO occurrences (id, activity_id, space_id, start_ms, end_ms, source, row)
     SELECT r->>'id', r->>'activityId', r->>'spaceId', (r->>'start')::numeric::bigint, (r->>'end')::numeric::bigint, r->>'source', r FROM jsonb_array_elements($1::jsonb) AS r
     ON CONFLICT (id) DO UPDATE SET activity_id = excluded.activity_id, space_id = excluded.space_id, start_ms = excluded.start_ms,
            end_ms = excluded.end_ms, source = excluded.source, row = excluded.row`,
    [JSON.stringify(rows)],
  );
}

/** The activities (and their occurrences) an earlier import stored for this partner. */
async function loadExistingImport(tx: Sql, organisationId: string): Promise<ExistingImport> {
  const { rows } = await tx.query<{ row: ActivityRow }>("SELECT row FROM activities WHERE organiser = $1 AND source = 'import'", [organisationId]);
  // Compared field by field with freshly read activities, which have no `source`.
  const activities = rows.map(({ row: { source: _source, ...activity } }) => activity);
  if (activities.length === 0) return { activities, occurrences: [] };
  const occurrences = await tx.query<{ row: OccurrenceRow }>('SELECT row FROM occurrences WHERE activity_id = ANY($1::text[])', [activities.map((a) => a.id)]);
  return { activities, occurrences: occurrences.rows.map((row) => row.row) };
}

/**
 * Imports an offer: each activity replaces the stored row of the same id with its current
 * occurrences; with `removeMissing`, the partner's earlier imported activities the file no longer
 * holds go. A file that is not iCalendar at all is refused whole; bad events are left out and
 * listed in `problems`, with their reasons.
 */
export async function importOffer(ctx: StoreContext, request: ImportOfferRequest): Promise<ImportResponse> {
  const model = ctx.model();
  const { config, site } = model;
  const unknownThemes = request.themes.filter((id) => !config.themes.some((theme) => theme.id === id));
  if (unknownThemes.length > 0) throw new HubRequestError(400, 'bad-request', `There is no theme ${unknownThemes.map((id) => `"${id}"`).join(', ')}.`);
  const organisation = await requireOrganisation(ctx.sql, model, request.organisationId);
  const from = startOfLocalDay(ctx.now(), site.timeZone);
  // Parsing is CPU work that yields to the event loop: done before the transaction, it holds no locks.
  const read = await readIcsOffer(
    request.ics,
    { organisation, level: request.level, themes: [...request.themes], price: request.price, contentLocale: request.contentLocale },
    { timeZone: site.timeZone, defaultLocale: site.defaultLocale, levels: config.levels, themes: config.themes, from, days: request.days ?? DEFAULT_IMPORT_DAYS },
  );
  if (!read.ok) throw new ImportRefused(`The file cannot be imported: ${read.error.message}`);
  const plan = read.plan;
  const problems = plan.problems.map((problem) => ({ ...(problem.uid === undefined ? {} : { uid: problem.uid }), ...(problem.summary === undefined ? {} : { summary: problem.summary }), message: problem.message }));

  return runWrite(ctx, { route: 'importOffer', key: request.idempotencyKey, request }, async (tx) => {
    const preview = compareWithExisting(plan, await loadExistingImport(tx, organisation.id), organisation.id, from);
    const activityRows: ActivityRow[] = preview.entries.map((entry) => ({ ...entry.activity, source: 'import' }));
    const occurrenceRows: OccurrenceRow[] = preview.entries.flatMap((entry) =>
      entry.occurrences.map((occurrence) => ({
        ...occurrence,
        ...(entry.activity.space === undefined ? {} : { spaceId: entry.activity.space }),
        id: occurrenceId(occurrence.activityId, occurrence.start),
        source: 'import' as const,
      })),
    );
    const ids = activityRows.map((row) => row.id);
    const others = await tx.query<{ id: string }>("SELECT id FROM activities WHERE id = ANY($1::text[]) AND source <> 'import'", [ids]);
    const clashing = [...ids.filter((id) => model.activityIds.has(id)), ...others.rows.map((row) => row.id)];
    if (clashing.length > 0) throw new ImportRefused(`These ids already belong to activities that were not imported: ${clashing.join(', ')}.`);
    // Only imported rows of this partner are ever removed, whatever the file says.
    const missing = request.removeMissing ? preview.missing.map((activity) => activity.id) : [];
    const removable = (await tx.query<{ id: string }>("SELECT id FROM activities WHERE id = ANY($1::text[]) AND source = 'import' AND organiser = $2", [missing, organisation.id])).rows.map((row) => row.id);
    const dropped = await tx.query<{ id: string }>("DELETE FROM occurrences WHERE activity_id = ANY($1::text[]) AND source = 'import' RETURNING id", [[...ids, ...removable]]);
    if (removable.length > 0) await tx.query('DELETE FROM activities WHERE id = ANY($1::text[])', [removable]);
    await putActivities(tx, activityRows);
    await putOccurrences(tx, occurrenceRows);

    const kept = new Set(occurrenceRows.map((row) => row.id));
    const changes: RowChange[] = [
      ...removable.map((id): RowChange => ({ table: 'activities', op: 'delete', key: id })),
      ...dropped.rows.filter((row) => !kept.has(row.id)).map((row): RowChange => ({ table: 'occurrences', op: 'delete', key: row.id })),
      ...activityRows.map((row): RowChange => ({ table: 'activities', op: 'put', key: row.id, row })),
      ...occurrenceRows.map((row): RowChange => ({ table: 'occurrences', op: 'put', key: row.id, row })),
    ];
    return {
      response: { counts: preview.counts, activities: activityRows.length, occurrences: occurrenceRows.length, removed: removable.length, problems },
      audit: [
        {
          actor: request.by,
          entity: 'import',
          entityId: organisation.id,
          action: 'imported',
          detail: {
            ...(request.source === undefined ? {} : { source: request.source }),
            events: preview.events,
            counts: preview.counts,
            problems: preview.problems.length,
            removed: removable,
            occurrences: occurrenceRows.length,
          },
        },
      ],
      changes,
    };
  });
}
