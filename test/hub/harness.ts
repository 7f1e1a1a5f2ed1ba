// Runs one test file's hub store tests against both engines: PGlite in-process and a real
// PostgreSQL. Each file shares one PGlite data folder (its first open runs initdb, slow) and one
// throwaway PostgreSQL cluster; every test gets an empty database: PGlite's tables are truncated,
// PostgreSQL gets a new database, copied from one migrated at the start. The PostgreSQL half is
// skipped, saying why, where the server binaries are not installed.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { openHubService, type HubOptions } from '../../src-hub/hub';
import { migrate } from '../../src-hub/db/migrations';
import { openPglite, openPostgres, type Sql } from '../../src-hub/db/sql';
import type { HubService } from '../../src-hub/service';
import { NOW } from '../renderer/core/booking/fixtures';
import { POSTGRES_MISSING, postgresAvailable, startPostgres, type PostgresCluster } from '../support/postgres';
import { writeTestSite, type siteFiles } from './site';

export type Engine = 'pglite' | 'postgres';

const TEMPLATE = 'hub_template';

/** Generous: a first PGlite open runs initdb, and the machine is shared. */
export const SETUP_TIMEOUT = 180_000;
export const TEST_TIMEOUT = 120_000;

export interface TestHub {
  hub: HubService;
  /** The hub's clock; tests move it. */
  clock: { now: number };
  siteDir: string;
  /** The same database, for what only SQL can show or arrange. */
  sql: Sql;
}

export interface Harness {
  /**
   * A hub on an empty database over the test site (changed by `change`). On PGlite every hub of a
   * test shares the file's one database and `open` empties it: a test with two hubs takes what it
   * needs from the first (an export) before it opens the second.
   */
  open(options?: { change?: (files: ReturnType<typeof siteFiles>) => void; hub?: Partial<HubOptions> }): Promise<TestHub>;
  /** Another hub on the same database as `other` (a restart, or a second hub process). */
  reopen(other: TestHub, options?: Partial<HubOptions>): Promise<TestHub>;
}

/** An idempotency key: one per intent. */
export function key(): string {
  return randomUUID().replaceAll('-', '');
}

/**
 * `describe.each` over both engines, with a harness per engine set up once for the file. The
 * PostgreSQL block is skipped with POSTGRES_MISSING as its name where the server is not installed.
 */
export function describeEngines(name: string, body: (harness: Harness, engine: Engine) => void): void {
  const engines: Engine[] = ['pglite', 'postgres'];
  describe.each(engines)(`${name} (%s)`, (engine) => {
    if (engine === 'postgres' && !postgresAvailable()) {
      describe.skip(POSTGRES_MISSING, () => body(unavailable, engine));
      return;
    }
    body(harness(engine), engine);
  });
}

const unavailable: Harness = {
  open: () => Promise.reject(new Error(POSTGRES_MISSING)),
  reopen: () => Promise.reject(new Error(POSTGRES_MISSING)),
};

function harness(engine: Engine): Harness {
  let root = '';
  let pglite: Sql | undefined;
  let cluster: PostgresCluster | undefined;
  let counter = 0;
  const open: { hub: HubService; sql: Sql; ownsSql: boolean }[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), `wegwijzer-hub-${engine}-`));
    if (engine === 'pglite') {
      pglite = await openPglite(join(root, 'pglite'));
      return;
    }
    cluster = await startPostgres();
    // Migrated once; each test's database is a copy of it, which is far cheaper than migrating again.
    const template = await openPostgres(await cluster.createDatabase(TEMPLATE));
    try {
      await migrate(template);
    } finally {
      await template.close();
    }
  }, SETUP_TIMEOUT);

  afterEach(async () => {
    for (const entry of open.splice(0).reverse()) {
      await entry.hub.close();
      if (entry.ownsSql) await entry.sql.close();
    }
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await pglite?.close();
    await cluster?.stop();
    await rm(root, { recursive: true, force: true });
  }, SETUP_TIMEOUT);

  const start = async (siteDir: string, clock: { now: number }, database: { sql: Sql; url?: string; ownsSql: boolean }, options: Partial<HubOptions> = {}): Promise<TestHub> => {
    const base = { siteDir, now: () => clock.now, ...options };
    const hub = await openHubService(database.url === undefined ? { ...base, sql: database.sql } : { ...base, database: database.url });
    open.push({ hub, sql: database.sql, ownsSql: database.ownsSql });
    return { hub, clock, siteDir, sql: database.sql };
  };

  return {
    async open(options = {}) {
      counter += 1;
      const siteDir = join(root, `site-${counter}`);
      await writeTestSite(siteDir, options.change);
      const clock = { now: NOW };
      if (pglite) {
        await truncateAll(pglite);
        return start(siteDir, clock, { sql: pglite, ownsSql: false }, options.hub);
      }
      if (!cluster) throw new Error('the PostgreSQL cluster did not start');
      const url = await cluster.createDatabase(`t_${counter}`, { template: TEMPLATE });
      return start(siteDir, clock, { sql: await openPostgres(url), url, ownsSql: true }, options.hub);
    },
    async reopen(other, options = {}) {
      if (pglite) return start(other.siteDir, other.clock, { sql: pglite, ownsSql: false }, options);
      const url = await databaseUrl(other.sql);
      return start(other.siteDir, other.clock, { sql: await openPostgres(url), url, ownsSql: true }, options);
    },
  };

  async function databaseUrl(sql: Sql): Promise<string> {
    const { rows } = await sql.query<{ name: string }>('SELECT current_database() AS name');
    if (!cluster || !rows[0]) throw new Error('no PostgreSQL database to reopen');
    return cluster.url(rows[0].name);
  }
}

/** Empties every table but the migration record: a fresh database without another initdb. */
async function truncateAll(sql: Sql): Promise<void> {
  const { rows } = await sql.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'hub_migrations'");
  if (rows.length > 0) await sql.query(`TRUNCATE ${rows.map((row) => row.name).join(', ')}`);
}
