// The hub on the command line.
//
//   npm run hub -- --site <dir> [--database postgres://…] [--data <dir>] [--host <addr>] [--port <n>] [--allow-host <name>]…
//   npm run hub:backup -- [--site <dir>] [--database … | --data <dir>] --out <file.json>
//   npm run hub:restore -- [--site <dir>] [--database … | --data <dir>] --in <file.json>
//
// The store is PostgreSQL when a URL is given (--database or WEGWIJZER_DATABASE, which keeps a password
// out of the process list), else PGlite in --data, WEGWIJZER_DATA or ./.wegwijzer/hub-data.
// PGlite is one process's database: stop a hub that uses the folder before a backup or restore on it
// (or fetch GET /api/backup from the running hub instead).
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HubRequestError } from './service';
import { DEFAULT_SITE_DIR_NAME, resolveSiteDir, type SiteDirSource } from './site/resolve';
import { consoleHubLog } from './log';
import { DEFAULT_PORT, LOOPBACK, startHub } from './start';
import { describeStore, openStore, type StoreLocation } from './store';

const ROOT = resolve(import.meta.dirname, '..');
export const DEFAULT_DATA_DIR = join('.wegwijzer', 'hub-data');

interface Common {
  siteDir: string;
  siteFrom: SiteDirSource;
  store: StoreLocation;
}

export type HubCommand =
  | ({ kind: 'serve'; host: string; port: number; allowHosts: string[] } & Common)
  | ({ kind: 'backup'; out: string } & Common)
  | ({ kind: 'restore'; input: string } & Common)
  | ({ kind: 'reset-password'; name: string } & Common)
  | { kind: 'help' };

export type ParsedCommand = { ok: true; command: HubCommand } | { ok: false; message: string };

export const USAGE = `Usage:
  npm run hub -- --site <dir> [--database postgres://…] [--data <dir>] [--host <addr>] [--port <n>] [--allow-host <name>]…
  npm run hub:backup -- [--site <dir>] [--database … | --data <dir>] --out <file.json>
  npm run hub:restore -- [--site <dir>] [--database … | --data <dir>] --in <file.json>
  npm run hub -- --reset-password <name> [--database … | --data <dir>]   (a locked-out person gets a temporary password)`;

const OPTIONS: Record<HubCommand['kind'], readonly string[]> = {
  serve: ['--site', '--database', '--data', '--host', '--port', '--allow-host'],
  backup: ['--site', '--database', '--data', '--out'],
  restore: ['--site', '--database', '--data', '--in'],
  'reset-password': ['--site', '--database', '--data', '--reset-password'],
  help: [],
};

/** Reads the command line; pure, so every refusal is tested. `serve` is the default command. */
export function parseHubCommand(argv: readonly string[], env: Record<string, string | undefined>, cwd: string): ParsedCommand {
  const [first] = argv;
  if (first === 'help' || argv.includes('--help') || argv.includes('-h')) return { ok: true, command: { kind: 'help' } };
  const kind = argv.includes('--reset-password') ? 'reset-password' : first === 'serve' || first === 'backup' || first === 'restore' ? first : 'serve';
  const rest = first === kind ? argv.slice(1) : argv;

  const values = new Map<string, string[]>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!OPTIONS[kind].includes(name)) return { ok: false, message: `Unknown option ${name} for ${kind}.` };
    const value = eq > 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined || value === '' || value.startsWith('--')) return { ok: false, message: `${name} needs a value.` };
    if (values.has(name) && name !== '--allow-host') return { ok: false, message: `${name} is given twice.` };
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const one = (name: string) => values.get(name)?.[0];

  const site = resolveSiteDir(one('--site') ? ['--site', one('--site')!] : [], env, join(ROOT, 'kiosk-config', DEFAULT_SITE_DIR_NAME), cwd);
  const store = storeLocation(one('--database'), one('--data'), env, cwd);
  if (!store.ok) return store;
  const common: Common = { siteDir: site.dir, siteFrom: site.from, store: store.store };

  if (kind === 'backup') {
    const out = one('--out');
    return out ? { ok: true, command: { kind, out: absolute(out, cwd), ...common } } : { ok: false, message: 'hub:backup needs --out <file.json>.' };
  }
  if (kind === 'reset-password') {
    const name = one('--reset-password')!;
    return { ok: true, command: { kind, name, ...common } };
  }
  if (kind === 'restore') {
    const input = one('--in');
    return input ? { ok: true, command: { kind, input: absolute(input, cwd), ...common } } : { ok: false, message: 'hub:restore needs --in <file.json>.' };
  }
  const portText = one('--port') ?? String(DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) return { ok: false, message: `--port must be a number from 0 to 65535, not "${portText}".` };
  const allowHosts = [...(values.get('--allow-host') ?? []), ...(env.WEGWIJZER_ALLOWED_HOSTS ?? '').split(',')].map((name) => name.trim()).filter(Boolean);
  return { ok: true, command: { kind, host: one('--host') ?? LOOPBACK, port: Number(portText), allowHosts, ...common } };
}

function storeLocation(database: string | undefined, data: string | undefined, env: Record<string, string | undefined>, cwd: string): { ok: true; store: StoreLocation } | { ok: false; message: string } {
  if (database !== undefined && data !== undefined) return { ok: false, message: 'Give --database or --data, not both.' };
  const url = database ?? (data === undefined ? env.WEGWIJZER_DATABASE?.trim() || undefined : undefined);
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(url)) return { ok: false, message: 'The database must be a postgres:// (or postgresql://) URL.' };
    return { ok: true, store: { database: url } };
  }
  return { ok: true, store: { dataDir: absolute(data ?? (env.WEGWIJZER_DATA?.trim() || DEFAULT_DATA_DIR), cwd) } };
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** This machine's names and addresses: what kiosks on the network use when the hub listens on 0.0.0.0. */
function machineNames(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .flatMap((info) => (info ? [info.address] : []));
  return [hostname(), `${hostname()}.local`, ...addresses];
}

async function serve(command: Extract<HubCommand, { kind: 'serve' }>): Promise<void> {
  const log = consoleHubLog;
  // A stray rejected promise is logged, not fatal: screens depend on this process. (A thrown
  // exception still ends it, with systemd's Restart=on-failure to bring it back.)
  process.on('unhandledRejection', (reason) => log.error('hub', `unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  const hub = await startHub({
    siteDir: command.siteDir,
    store: command.store,
    host: command.host,
    port: command.port,
    allowHosts: command.allowHosts,
    machineNames: machineNames(),
    log,
    // A site server keeps serving the kiosk's files while its database is away, and keeps trying.
    retryOpen: { firstMs: 2_000, maxMs: 60_000 },
  });
  console.log(`Wegwijzer hub listening on ${command.host === LOOPBACK ? hub.url : `http://${command.host}:${hub.port}/ (${hub.url} from here)`}`);
  console.log(`  site folder ${command.siteDir} (${command.siteFrom}); store ${describeStore(command.store)}`);
  const started = performance.now();
  hub.ready.then(
    (service) => console.log(`  store open after ${((performance.now() - started) / 1000).toFixed(1)} s (${service.store}); the API is ready`),
    () => undefined,
  );

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // A second signal means "now": someone is waiting for a hung shutdown.
      if (stopping) process.exit(1);
      stopping = true;
      console.log(`${signal}: closing the server and the store…`);
      hub.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`closing failed: ${String(error)}`);
          process.exit(1);
        },
      );
    });
  }
}

async function backup(command: Extract<HubCommand, { kind: 'backup' }>): Promise<void> {
  const service = await openStore(command.store, command.siteDir, consoleHubLog);
  try {
    const file = await service.exportBackup();
    // Written next to the target and renamed: an interrupted backup never leaves half a file under its name.
    const temporary = join(dirname(command.out), `.${randomBytes(6).toString('hex')}.tmp`);
    await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`);
    await rename(temporary, command.out);
    console.log(`Backup written to ${command.out}: ${Object.entries(file.counts).map(([table, count]) => `${table} ${count}`).join(', ')}`);
  } finally {
    await service.close();
  }
}

async function restore(command: Extract<HubCommand, { kind: 'restore' }>): Promise<number> {
  let backupFile: unknown;
  try {
    backupFile = JSON.parse(await readFile(command.input, 'utf8')) as unknown;
  } catch (error) {
    console.error(`${command.input} is not a readable JSON file: ${error instanceof Error ? error.message : String(error)}. Nothing was replaced.`);
    return 1;
  }
  const service = await openStore(command.store, command.siteDir, consoleHubLog);
  try {
    const result = await service.restoreBackup({ idempotencyKey: randomBytes(18).toString('base64url'), backup: backupFile, by: { staff: 'npm run hub:restore' } });
    console.log(`Restored from ${command.input}: ${Object.entries(result.counts).map(([table, count]) => `${table} ${count}`).join(', ')}. Screens start again from the restored data.`);
    return 0;
  } catch (error) {
    if (!(error instanceof HubRequestError)) throw error;
    console.error(`The backup was refused; nothing was replaced. ${error.message}`);
    for (const problem of error.errors ?? []) console.error(`  ${problem.path || '(file)'}: ${problem.message}`);
    return 1;
  } finally {
    await service.close();
  }
}


async function resetPassword(command: Extract<HubCommand, { kind: 'reset-password' }>): Promise<number> {
  const service = await openStore(command.store, command.siteDir, consoleHubLog);
  try {
    const reset = await service.access.accounts.resetPassword(command.name);
    if (!reset) {
      const names = (await service.access.accounts.list()).map((account) => account.name);
      console.error(`There is no account "${command.name}". Accounts: ${names.length > 0 ? names.join(', ') : '(none yet: start the hub and open the setup link it prints)'}.`);
      return 1;
    }
    console.log(`Temporary password for ${reset.account.displayName} (${reset.account.name}): ${reset.password}`);
    console.log('Their lockouts are lifted and their sessions ended; they choose a new password at their next sign-in.');
    return 0;
  } finally {
    await service.close();
  }
}

async function main(argv: readonly string[]): Promise<number | undefined> {
  const parsed = parseHubCommand(argv, process.env, process.cwd());
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const { command } = parsed;
  switch (command.kind) {
    case 'help':
      console.log(USAGE);
      return 0;
    case 'serve':
      // Runs until a signal; the handlers above exit.
      await serve(command);
      return undefined;
    case 'backup':
      await backup(command);
      return 0;
    case 'restore':
      return restore(command);
    case 'reset-password':
      return resetPassword(command);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== undefined) process.exit(code);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}
