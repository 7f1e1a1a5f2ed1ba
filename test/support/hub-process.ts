// The hub as a separate process (`tsx src-hub/cli.ts`), for what an in-process hub cannot show: a
// SIGKILL in the middle of a booking, a restart on the same data, the process's own memory.
import { TEST_SETUP_TOKEN } from './hub-credentials';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface HubProcessOptions {
  siteDir: string;
  /** PGlite data folder (ignored with `database`). */
  dataDir?: string;
  /** A postgres:// URL. */
  database?: string;
  port?: number;
  /** Wait until /api/health answers before resolving (default true). */
  waitForApi?: boolean;
  /** How long to wait for the API (default 120 s: a first PGlite start runs initdb on a busy machine). */
  timeoutMs?: number;
}

export interface HubProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Milliseconds from spawn until the server answered its first request. */
  listeningAfterMs: number;
  /** Resolves with milliseconds from spawn until /api/health answered 200. */
  waitForApi(): Promise<number>;
  /** The process's resident memory now, from /proc; null where /proc is not there. */
  rssMb(): number | null;
  /** SIGKILL: no shutdown code runs, as in a power cut. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export async function startHubProcess(options: HubProcessOptions): Promise<HubProcess> {
  const port = options.port ?? (await freePort());
  // `node --import tsx` rather than the tsx command: that one runs the script in a child process of its
  // own, and a SIGKILL (or an RSS reading) would reach the wrapper instead of the hub.
  const args = ['--import', 'tsx', resolve(ROOT, 'src-hub/cli.ts'), '--site', options.siteDir, '--port', String(port), '--host', '127.0.0.1'];
  if (options.database) args.push('--database', options.database);
  else if (options.dataDir) args.push('--data', options.dataDir);
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production', WEGWIJZER_SETUP_TOKEN: TEST_SETUP_TOKEN } });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const url = `http://127.0.0.1:${port}/`;
  const timeoutMs = options.timeoutMs ?? 120_000;

  const poll = async (path: string, ok: (status: number) => boolean): Promise<number> => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the hub exited (${child.exitCode}) before ${path} answered:\n${log}`);
      try {
        const response = await fetch(url + path, { signal: AbortSignal.timeout(5000) });
        await response.arrayBuffer();
        if (ok(response.status)) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() > deadline) throw new Error(`the hub did not answer ${path} within ${timeoutMs} ms:\n${log}`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 25));
    }
  };

  const listeningAfterMs = await poll('', () => true);
  let apiReady: Promise<number> | undefined;
  const waitForApi = () => (apiReady ??= poll('api/health', (status) => status === 200));
  if (options.waitForApi !== false) await waitForApi();

  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    port,
    child,
    listeningAfterMs,
    waitForApi,
    rssMb: () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
        return Number.isFinite(kb) ? kb / 1024 : null;
      } catch {
        return null;
      }
    },
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    output: () => log,
  };
}
