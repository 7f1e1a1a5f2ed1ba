// One small SQL interface over the two engines the hub runs on: PGlite (PostgreSQL compiled to
// WebAssembly, in-process, file-backed) for a single kiosk or `npm run web`, and a real PostgreSQL
// through a `pg` pool for a site server. Everything above this file writes plain PostgreSQL and never
// knows which engine answers.
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import pg from 'pg';

export interface Sql {
  readonly kind: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /**
   * Runs `fn` in one transaction (READ COMMITTED; `snapshot` gives a read-only REPEATABLE READ one,
   * so several SELECTs see one moment). Retried from the start on a serialization failure or a
   * deadlock. Inside `fn`, use only the `tx` it gets: on PGlite anything else waits for the
   * transaction to end, which never comes.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>, options?: { snapshot?: boolean }): Promise<T>;
  close(): Promise<void>;
}

/** The SQLSTATE of a database error (both drivers put it on `code`), or undefined. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const EXCLUSION_VIOLATION = '23P01';
const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';
const TRANSACTION_ATTEMPTS = 5;

function retryable(error: unknown): boolean {
  const state = sqlState(error);
  return state === SERIALIZATION_FAILURE || state === DEADLOCK_DETECTED;
}

// Epoch milliseconds live in bigint columns and counts come back as bigint or numeric; JavaScript
// numbers hold every instant up to the year 275760 exactly, so both engines parse them as numbers.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const toNumber = (text: string): number => Number(text);

/** PGlite in `dataDir` (created on first use; absent: in memory), with btree_gist for the exclusion constraint. */
export async function openPglite(dataDir?: string): Promise<Sql> {
  const db = await PGlite.create(dataDir, { extensions: { btree_gist }, parsers: { [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber } });
  return new PgliteSql(db);
}

class PgliteSql implements Sql {
  readonly kind = 'pglite';
  constructor(readonly db: PGlite) {}

  async query<T>(text: string, params: readonly unknown[] = []): Promise<{ rows: T[] }> {
    const result = await this.db.query<T>(text, [...params]);
    return { rows: result.rows };
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    // PGlite has one connection: its transaction() holds a mutex, so transactions run one after
    // another and a snapshot needs nothing more than an ordinary transaction.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction((tx) => fn(new PgliteTransaction(tx)));
      } catch (error) {
        if (!retryable(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
      }
    }
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

type PgliteTx = Parameters<Parameters<PGlite['transaction']>[0]>[0];

class PgliteTransaction implements Sql {
  readonly kind = 'pglite';
  constructor(readonly tx: PgliteTx) {}

  async query<T>(text: string, params: readonly unknown[] = []): Promise<{ rows: T[] }> {
    const result = await this.tx.query<T>(text, [...params]);
    return { rows: result.rows };
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return fn(this);
  }

  close(): Promise<void> {
    return Promise.reject(new Error('close() inside a transaction'));
  }
}

/** Connections to a PostgreSQL server: enough that concurrent requests really run concurrently. */
const POOL_SIZE = 16;

/** A pool on a PostgreSQL server. */
export async function openPostgres(url: string, options: { onError?: (error: Error) => void } = {}): Promise<Sql> {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    // Local parsers, not pg.types.setTypeParser: a process that embeds the hub keeps its own global settings.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID ? toNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection emits on the pool; unhandled, that would end the process.
  pool.on('error', (error) => options.onError?.(error));
  // Fail at open, with the server's own message, rather than on the first request.
  await pool.query('SELECT 1');
  return new PostgresSql(pool);
}

class PostgresSql implements Sql {
  readonly kind = 'postgres';
  constructor(readonly pool: pg.Pool) {}

  async query<T>(text: string, params: readonly unknown[] = []): Promise<{ rows: T[] }> {
    const result = await this.pool.query(text, [...params]);
    return { rows: result.rows as T[] };
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>, options: { snapshot?: boolean } = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(options.snapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
        const result = await fn(new ClientSql(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A client whose ROLLBACK fails is in an unknown state: it leaves the pool instead of going back.
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        if (!retryable(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

class ClientSql implements Sql {
  readonly kind = 'postgres';
  constructor(readonly client: pg.PoolClient) {}

  async query<T>(text: string, params: readonly unknown[] = []): Promise<{ rows: T[] }> {
    const result = await this.client.query(text, [...params]);
    return { rows: result.rows as T[] };
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return fn(this);
  }

  close(): Promise<void> {
    return Promise.reject(new Error('close() inside a transaction'));
  }
}
