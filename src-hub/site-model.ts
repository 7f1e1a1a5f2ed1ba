// One loaded site config as the store's writes use it: the site, its spaces, organisations and
// activities by id, and the sessions per space. Made once per config load and never changed.
import type { Interval } from '../src-renderer/core/booking/interval';
import type { Organisation, SiteBundle, SiteConfig, Space } from '../src-renderer/core/model';
import type { SpaceRow } from '../src-renderer/core/rows';
import { SessionIndex } from './sessions';

export class SiteModel {
  readonly spaces: ReadonlyMap<string, Space>;
  readonly organisations: ReadonlyMap<string, Organisation>;
  readonly activityIds: ReadonlySet<string>;
  readonly #sessions: SessionIndex;

  constructor(
    readonly config: SiteConfig,
    readonly bundle: SiteBundle,
    /** The bundle's hash: the config version screens compare. */
    readonly version: string,
    now: number,
  ) {
    this.spaces = new Map(config.spaces.map((space) => [space.id, space]));
    this.organisations = new Map(config.organisations.map((organisation) => [organisation.id, organisation]));
    this.activityIds = new Set(config.activities.map((activity) => activity.id));
    this.#sessions = new SessionIndex(config, now);
  }

  get site(): SiteConfig['site'] {
    return this.config.site;
  }

  /** The config's fixed sessions in a space that overlap [from, to). */
  sessions(spaceId: string, from: number, to: number, now: number): Interval[] {
    return this.#sessions.sessions(spaceId, from, to, now);
  }

  /** The config's spaces as the rows a restore checks references against. */
  spaceRows(): SpaceRow[] {
    return this.config.spaces.map((space) => ({ ...space, source: 'config' }));
  }
}
