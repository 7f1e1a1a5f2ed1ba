// What every write of the store needs from the hub around it: the database, the hub's clock, the
// site config the rules are checked against, and someone to tell that changes were committed.
import type { Sql } from './sql';
import type { SiteModel } from '../site-model';

export interface StoreContext {
  readonly sql: Sql;
  /** The hub's clock (epoch ms): "now" for every rule, every row and every audit entry. */
  now(): number;
  /** The config in force; throws HubRequestError 503 while the hub has never loaded a good one. */
  model(): SiteModel;
  /** After a commit that appended changes: wakes the long polls. */
  committed(): void;
  /** The hub's log, for what a write notices on its way (an account held back). */
  log?(level: 'info' | 'warn' | 'error', message: string): void;
}
