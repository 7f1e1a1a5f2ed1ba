// A PMTiles file in the site folder, read by the hub with the `pmtiles` package: the archive's header
// and directories are read through byte ranges of the file, and each tile comes out as an image the
// kiosk shows like a provider's tile. Raster archives only (PNG, JPEG, WebP): a vector archive would
// need the kiosk to draw it, and is refused with a message that says so.
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { PMTiles, TileType, type RangeResponse, type Source } from 'pmtiles';
import type { TileAddress } from '../../src-renderer/core/map/tiles';

export interface PmtilesArchive {
  tile(address: TileAddress): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: string } | undefined>;
  /** Lets go of the file (when it has been replaced). */
  close(): Promise<void>;
}

const RASTER_TYPES: Partial<Record<TileType, string>> = { [TileType.Png]: 'image/png', [TileType.Jpeg]: 'image/jpeg', [TileType.Webp]: 'image/webp' };

/** Byte ranges of a file the hub holds open (one handle per archive, reopened when the file is replaced). */
class FileSource implements Source {
  #handle: Promise<FileHandle> | undefined;

  constructor(readonly path: string) {}

  getKey(): string {
    return this.path;
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    await (await handle?.catch(() => undefined))?.close().catch(() => undefined);
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    this.#handle ??= open(this.path, 'r');
    const handle = await this.#handle;
    const data = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(data, filled, length - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { data: data.buffer.slice(0, filled) };
  }
}

/** A plain file name in the site folder (as map.geo.tiles.pmtiles allows). */
export const PMTILES_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.pmtiles$/i;

export async function openPmtiles(siteDir: string, file: string): Promise<PmtilesArchive> {
  if (!PMTILES_FILE.test(file) || file.includes('..')) throw new Error('not a plain file name in the site folder');
  // The file itself, not a symlink that leads out of the site folder.
  const [root, path] = await Promise.all([realpath(siteDir), realpath(join(siteDir, file))]);
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) throw new Error('it lies outside the site folder');
  const source = new FileSource(path);
  const archive = new PMTiles(source);
  const header = await archive.getHeader().catch(async (error: unknown) => {
    await source.close();
    throw error;
  });
  const type = RASTER_TYPES[header.tileType];
  if (!type) {
    await source.close();
    throw new Error('it holds vector tiles; the hub serves raster PMTiles (PNG, JPEG or WebP) only, e.g. made with `pmtiles convert` from an MBTiles of images');
  }
  return {
    async tile({ z, x, y }) {
      if (z < header.minZoom || z > header.maxZoom) return undefined;
      const found = await archive.getZxy(z, x, y);
      return found ? { bytes: new Uint8Array(found.data), type } : undefined;
    },
    close: () => source.close(),
  };
}
