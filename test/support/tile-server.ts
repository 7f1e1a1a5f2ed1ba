// A tile provider on loopback for the tile tests (hub and e2e): it answers every /{z}/{x}/{y}.png with
// a tiny PNG, counts the requests and the most it held at once, keeps each request's User-Agent, and
// lets a test hold answers back, answer with a status of its choice, or stop altogether.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export interface TileServer {
  /** The URL template, e.g. http://127.0.0.1:1234/{z}/{x}/{y}.png */
  template: string;
  /** Requests received, in order (path and headers). */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  /** The most requests it held open at once. */
  maxOpen: number;
  /** What to answer: a status and headers (default 200 with a PNG, Cache-Control max-age=3600). */
  answer: (path: string) => { status: number; headers?: Record<string, string> };
  /** While set, answers wait until release() is called. */
  hold: boolean;
  release(): void;
  /** Resolves once `count` requests are open. */
  waitForOpen(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTileServer(): Promise<TileServer> {
  let open = 0;
  const held: (() => void)[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const tiles: TileServer = {
    template: '',
    requests: [],
    maxOpen: 0,
    answer: () => ({ status: 200, headers: { 'Content-Type': 'image/png', 'Cache-Control': 'max-age=3600' } }),
    hold: false,
    release() {
      tiles.hold = false;
      for (const go of held.splice(0)) go();
    },
    waitForOpen(count) {
      if (open >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const respond = (path: string, response: ServerResponse) => {
    const { status, headers = {} } = tiles.answer(path);
    response.writeHead(status, headers);
    response.end(status === 200 ? TINY_PNG : undefined);
  };
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    tiles.requests.push({ path, headers: request.headers });
    open += 1;
    tiles.maxOpen = Math.max(tiles.maxOpen, open);
    for (const waiter of waiters.filter((w) => open >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    response.on('close', () => (open -= 1));
    if (tiles.hold) held.push(() => respond(path, response));
    else respond(path, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tiles.template = `http://127.0.0.1:${(server.address() as AddressInfo).port}/{z}/{x}/{y}.png`;
  return tiles;
}

/**
 * A raster PMTiles v3 archive (uncompressed directory) holding the given tiles as PNGs, written the
 * way the spec lays it out: header, root directory, metadata, tile data.
 */
export function rasterPmtiles(tiles: readonly { id: number; bytes: Uint8Array }[], minZoom: number, maxZoom: number, tileType = 2): Buffer {
  const sorted = [...tiles].sort((a, b) => a.id - b.id);
  const varints: number[] = [];
  const put = (value: number) => {
    let rest = value;
    while (rest >= 0x80) {
      varints.push((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    varints.push(rest);
  };
  put(sorted.length);
  let last = 0;
  for (const tile of sorted) {
    put(tile.id - last);
    last = tile.id;
  }
  for (let i = 0; i < sorted.length; i++) put(1);
  for (const tile of sorted) put(tile.bytes.length);
  // Each tile follows the one before it: offset 0 means "right after the previous".
  sorted.forEach((_tile, index) => put(index === 0 ? 1 : 0));
  const directory = Buffer.from(varints);
  const metadata = Buffer.from('{}');
  const data = Buffer.concat(sorted.map((tile) => Buffer.from(tile.bytes)));
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const u64 = (at: number, value: number) => header.writeBigUInt64LE(BigInt(value), at);
  u64(8, 127);
  u64(16, directory.length);
  u64(24, 127 + directory.length);
  u64(32, metadata.length);
  u64(40, 0);
  u64(48, 0);
  u64(56, 127 + directory.length + metadata.length);
  u64(64, data.length);
  u64(72, sorted.length);
  u64(80, sorted.length);
  u64(88, sorted.length);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(tileType, 99);
  header.writeUInt8(minZoom, 100);
  header.writeUInt8(maxZoom, 101);
  header.writeInt32LE(-1800000000, 102);
  header.writeInt32LE(-850000000, 106);
  header.writeInt32LE(1800000000, 110);
  header.writeInt32LE(850000000, 114);
  return Buffer.concat([header, directory, metadata, data]);
}
