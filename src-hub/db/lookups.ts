// Ids a request names, resolved against the config and the staff rows, or refused as unknown (404).
import type { Organisation, Space } from '../../src-renderer/core/model';
import type { OrganisationRow } from '../../src-renderer/core/rows';
import { HubRequestError } from '../service';
import type { SiteModel } from '../site-model';
import type { Sql } from './sql';

export function requireSpace(model: SiteModel, id: string): Space {
  const space = model.spaces.get(id);
  if (!space) throw new HubRequestError(404, 'not-found', `There is no space "${id}".`);
  return space;
}

/** A config organisation, or a staff one from the database. */
export async function findOrganisation(tx: Sql, model: SiteModel, id: string): Promise<Organisation | undefined> {
  const configured = model.organisations.get(id);
  if (configured) return configured;
  const { rows } = await tx.query<{ row: OrganisationRow }>('SELECT row FROM organisations WHERE id = $1', [id]);
  return rows[0]?.row;
}

export async function requireOrganisation(tx: Sql, model: SiteModel, id: string): Promise<Organisation> {
  const organisation = await findOrganisation(tx, model, id);
  if (!organisation) throw new HubRequestError(404, 'not-found', `There is no organisation "${id}".`);
  return organisation;
}
