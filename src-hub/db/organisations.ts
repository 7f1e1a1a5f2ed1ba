// Staff organisations (residents and guests). Config organisations are read-only here: a config
// reload would undo any edit, so the answer says where to change them instead.
import type { OrganisationResponse, SaveOrganisationRequest } from '../../src-renderer/core/hub/contract';
import { organisationRow, validateOrganisation, type OrganisationProblem } from '../../src-renderer/core/organisations';
import type { OrganisationRow } from '../../src-renderer/core/rows';
import { HubRequestError } from '../service';
import type { StoreContext } from './context';
import { newId } from './ids';
import type { Sql } from './sql';
import { runWrite } from './write';

const PROBLEMS: Record<OrganisationProblem, string> = {
  name: 'The name must not be empty.',
  period: 'A guest needs a period: a first and a last day (YYYY-MM-DD), the last not before the first.',
  color: 'The colour must be written #rrggbb.',
};

export async function putOrganisations(tx: Sql, rows: readonly OrganisationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO organisations (id, source, row)
     SELECT r->>'id', r->>'source', r FROM jsonb_array_elements($1::jsonb) AS r
     ON CONFLICT (id) DO UPDATE SET source = excluded.source, row = excluded.row`,
    [JSON.stringify(rows)],
  );
}

/** Creates a staff organisation (no `id`) or changes one; config organisations are refused. */
export async function saveOrganisation(ctx: StoreContext, request: SaveOrganisationRequest): Promise<OrganisationResponse> {
  const problems = validateOrganisation(request.draft);
  if (problems.length > 0) throw new HubRequestError(400, 'bad-request', problems.map((problem) => PROBLEMS[problem]).join(' '));
  const model = ctx.model();
  return runWrite(ctx, { route: 'saveOrganisation', key: request.idempotencyKey, request }, async (tx) => {
    if (request.id === undefined) {
      const row = organisationRow(request.draft, newId('org'), {});
      await putOrganisations(tx, [row]);
      return { response: { organisation: row }, audit: [{ actor: request.by, entity: 'organisation', entityId: row.id, action: 'created', after: row }], changes: [{ table: 'organisations', op: 'put', key: row.id, row }] };
    }
    const id = request.id;
    const { rows } = await tx.query<{ row: OrganisationRow }>('SELECT row FROM organisations WHERE id = $1', [id]);
    const before = rows[0]?.row;
    if (model.organisations.has(id) && before?.source !== 'staff') throw new HubRequestError(400, 'bad-request', `Organisation "${id}" comes from the site config; change it there.`);
    if (!before) throw new HubRequestError(404, 'not-found', `There is no organisation "${id}".`);
    if (before.source !== 'staff') throw new HubRequestError(400, 'bad-request', `Organisation "${id}" was imported; change it at its source.`);
    const after = organisationRow(request.draft, id, before.description);
    await putOrganisations(tx, [after]);
    return { response: { organisation: after }, audit: [{ actor: request.by, entity: 'organisation', entityId: id, action: 'changed', before, after }], changes: [{ table: 'organisations', op: 'put', key: id, row: after }] };
  });
}
