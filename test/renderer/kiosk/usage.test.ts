import { describe, expect, it } from 'vitest';
import { FLUSH_AT_PENDING, USAGE_STORAGE_KEY, UsageRecorder, type UsageBatch } from '../../../src-renderer/kiosk/usage';

const HOUR = Date.UTC(2026, 11, 2, 14);

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

function setup(options: { fail?: () => boolean; storage?: ReturnType<typeof memoryStorage> } = {}) {
  const storage = options.storage ?? memoryStorage();
  const sent: UsageBatch[] = [];
  let keys = 0;
  const recorder = new UsageRecorder({
    storage,
    now: () => HOUR + 5 * 60_000,
    newKey: () => `batch-key-${String(++keys).padStart(8, '0')}`,
    send: async (batch) => {
      sent.push(structuredClone(batch));
      if (options.fail?.()) throw new Error('hub away');
    },
  });
  return { recorder, sent, storage };
}

describe('usage recorder', () => {
  it('sends the counts in one batch and clears them once acknowledged', async () => {
    const { recorder, sent, storage } = setup();
    recorder.count('session-started');
    recorder.count('filter', 'level:see-do');
    recorder.count('filter', 'level:see-do');
    expect(await recorder.flush()).toBe(true);
    expect(sent).toEqual([
      {
        key: 'batch-key-00000001',
        counts: [
          { hour: HOUR, event: 'filter', key: 'level:see-do', n: 2 },
          { hour: HOUR, event: 'session-started', key: '', n: 1 },
        ],
      },
    ]);
    expect(recorder.unsent).toEqual([]);
    expect(JSON.parse(storage.items.get(USAGE_STORAGE_KEY)!)).toEqual({ pending: [] });
    expect(await recorder.flush()).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it('keeps the counts when a flush fails, and sends the same batch with the same key again', async () => {
    let down = true;
    const { recorder, sent } = setup({ fail: () => down });
    recorder.count('path-qr');
    expect(await recorder.flush()).toBe(false);
    expect(recorder.unsent).toEqual([{ hour: HOUR, event: 'path-qr', key: '', n: 1 }]);
    // Counted meanwhile: waits beside the batch on its way, never merged into it.
    recorder.count('path-qr');
    down = false;
    expect(await recorder.flush()).toBe(true);
    expect(sent.map((batch) => batch.key)).toEqual(['batch-key-00000001', 'batch-key-00000001', 'batch-key-00000002']);
    expect(sent[1]).toEqual(sent[0]);
    expect(sent[2]!.counts).toEqual([{ hour: HOUR, event: 'path-qr', key: '', n: 1 }]);
    expect(recorder.unsent).toEqual([]);
  });

  it('loses nothing on a reload: the batch on its way keeps its key', async () => {
    const storage = memoryStorage();
    const first = setup({ storage, fail: () => true });
    first.recorder.count('language', 'fr');
    await first.recorder.flush();
    first.recorder.count('language', 'tr');
    const second = setup({ storage });
    expect(second.recorder.unsent).toEqual([
      { hour: HOUR, event: 'language', key: 'fr', n: 1 },
      { hour: HOUR, event: 'language', key: 'tr', n: 1 },
    ]);
    expect(await second.recorder.flush()).toBe(true);
    expect(second.sent[0]).toEqual({ key: 'batch-key-00000001', counts: [{ hour: HOUR, event: 'language', key: 'fr', n: 1 }] });
    expect(second.sent[1]!.counts).toEqual([{ hour: HOUR, event: 'language', key: 'tr', n: 1 }]);
  });

  it('stores only counts per hour: no event list, no finer time, no session', () => {
    const { recorder, storage } = setup({ fail: () => true });
    recorder.count('sheet-opened', 'drum-circle');
    recorder.count('sheet-opened', 'drum-circle');
    const stored = storage.items.get(USAGE_STORAGE_KEY)!;
    expect(JSON.parse(stored)).toEqual({ pending: [{ hour: HOUR, event: 'sheet-opened', key: 'drum-circle', n: 2 }] });
  });

  it('sends at once when enough counts are waiting', async () => {
    const { recorder, sent } = setup();
    for (let i = 0; i < FLUSH_AT_PENDING - 1; i++) recorder.count('filter', 'time:today');
    expect(sent).toHaveLength(0);
    recorder.count('filter', 'time:today');
    await recorder.flush();
    expect(sent[0]!.counts).toEqual([{ hour: HOUR, event: 'filter', key: 'time:today', n: FLUSH_AT_PENDING }]);
  });
});
