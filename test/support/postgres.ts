// A throwaway PostgreSQL cluster for the hub's tests and benchmarks: Debian's server binaries,
// initdb in a temp folder, a free loopback port, trust authentication (it listens on 127.0.0.1 and
// on a socket in that folder only), removed again by stop(). PostgreSQL refuses to run as root, so
// as root the cluster belongs to the `postgres` user (runuser). Where the binaries are missing the
// callers skip their PostgreSQL half and say so; CI installs them (.ci/run).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './hub-process';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin folder, or undefined. */
export function postgresBinDir(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(PG_ROOT, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(PG_ROOT, versions[0], 'bin');
}

export function postgresAvailable(): boolean {
  return postgresBinDir() !== undefined;
}

export const POSTGRES_MISSING = `PostgreSQL server binaries not found (${PG_ROOT}/*/bin/initdb): the PostgreSQL half of these tests is skipped. Install them with "apt-get install postgresql" (CI does).`;

export interface PostgresCluster {
  /** The connection URL of a database in the cluster. */
  url(database: string): string;
  /** Creates a database (empty, or a copy of `template`) and returns its URL. */
  createDatabase(name: string, options?: { template?: string }): Promise<string>;
  /** Stops the cluster at once and removes its folder. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * Keep fsync and synchronous commit on, as a real server runs. Tests leave it off (a throwaway
   * cluster need not survive a power cut, and fsync on a busy disk only makes them slower);
   * benchmarks turn it on so their figures mean something.
   */
  durable?: boolean;
}

export async function startPostgres(options: StartOptions = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(POSTGRES_MISSING);
  const dir = await mkdtemp(join(tmpdir(), 'wegwijzer-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const command = (tool: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args]);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    await chown(dir, uid, gid);
  }
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  const stopNow = () => {
    try {
      execFileSync(...command('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']), { stdio: 'ignore' });
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that dies half-way still leaves no server behind.
  process.once('exit', stopNow);
  try {
    await run(...command('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']));
    await run(...command('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '120', '-o', settings, 'start']));
  } catch (error) {
    stopNow();
    process.removeListener('exit', stopNow);
    throw error;
  }
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    url,
    async createDatabase(name, options = {}) {
      for (const identifier of [name, options.template ?? 'x']) {
        if (!/^[a-z][a-z0-9_]*$/.test(identifier)) throw new Error(`createDatabase: "${identifier}" is not a plain lower-case name`);
      }
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}${options.template ? ` TEMPLATE ${options.template}` : ''}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      process.removeListener('exit', stopNow);
      await run(...command('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'])).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
