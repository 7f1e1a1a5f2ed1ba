// The hub in a child process of its own for the soak runs, reporting its own figures over IPC: the
// heap after a full collection (started with --expose-gc), RSS, open handles and file descriptors.
// The parent sends 'sample' and gets a HubSample back; log lines are counted per level.
import { readdirSync } from 'node:fs';
import { startHub } from '../../src-hub/start';

export interface HubSample {
  heapUsedMb: number;
  rssMb: number;
  handles: number;
  fds: number | null;
  logs: { info: number; warn: number; error: number };
  lastErrors: string[];
}

const [siteDir = '', dataDir = ''] = process.argv.slice(2);
const logs = { info: 0, warn: 0, error: 0 };
const lastErrors: string[] = [];
const hub = await startHub({
  siteDir,
  store: { dataDir },
  port: 0,
  log: {
    info: () => void logs.info++,
    warn: () => void logs.warn++,
    error: (topic, message) => {
      logs.error++;
      lastErrors.push(`[${topic}] ${message}`.slice(0, 300));
      if (lastErrors.length > 5) lastErrors.shift();
    },
  },
});
await hub.ready;

function sample(): HubSample {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  let fds: number | null = null;
  try {
    fds = readdirSync('/proc/self/fd').length;
  } catch {
    // no /proc here
  }
  return { heapUsedMb: memory.heapUsed / 2 ** 20, rssMb: memory.rss / 2 ** 20, handles: process.getActiveResourcesInfo().length, fds, logs: { ...logs }, lastErrors: [...lastErrors] };
}

process.on('message', (message) => {
  if (message === 'sample') process.send?.({ sample: sample() });
  if (message === 'stop') void hub.close().then(() => process.exit(0));
});
process.send?.({ url: hub.url, pid: process.pid });
