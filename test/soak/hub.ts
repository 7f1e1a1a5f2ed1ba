// Starts test/soak/hub-child.ts on a bench site (see test/bench/hub-site.ts) and hands out its URL,
// its samples and a stop.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeBenchSite, type BenchSite } from '../bench/hub-site';
import { TEST_SETUP_TOKEN } from '../support/hub-credentials';
import type { HubSample } from './hub-child';

export interface SoakHub {
  url: string;
  site: BenchSite;
  child: ChildProcess;
  sample(): Promise<HubSample>;
  alive(): boolean;
  stop(): Promise<void>;
}

export async function startSoakHub(): Promise<SoakHub> {
  const work = await mkdtemp(join(tmpdir(), 'wegwijzer-soak-'));
  const site = await writeBenchSite(join(work, 'site'), { rooms: 40, halls: 4 });
  const child = fork(resolve(import.meta.dirname, 'hub-child.ts'), [site.dir, join(work, 'data')], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production', WEGWIJZER_SETUP_TOKEN: TEST_SETUP_TOKEN },
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('exit', (code) => reject(new Error(`the soak hub exited (${code}) before it was ready`)));
    child.on('message', (message: { url?: string }) => {
      if (message.url) resolveUrl(message.url);
    });
  });
  return {
    url,
    site,
    child,
    alive: () => child.exitCode === null && child.signalCode === null,
    sample: () =>
      new Promise<HubSample>((resolveSample) => {
        const onMessage = (message: { sample?: HubSample }) => {
          if (!message.sample) return;
          child.off('message', onMessage);
          resolveSample(message.sample);
        };
        child.on('message', onMessage);
        child.send('sample');
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
        child.send('stop');
        await Promise.race([exited, new Promise((resolveWait) => setTimeout(resolveWait, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(work, { recursive: true, force: true });
    },
  };
}
