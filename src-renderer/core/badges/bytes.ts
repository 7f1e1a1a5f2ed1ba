// Small byte helpers on web platform APIs (Node 20 and Chromium both have them; no Node built-ins).
// Compression uses the platform's CompressionStream/DecompressionStream rather than a library: both
// runtimes ship them (gzip and deflate-raw), so the phone's bundle stays small.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text);
/** Throws TypeError on bytes that are not UTF-8. */
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes);

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, maxOut: number): Promise<Uint8Array<ArrayBuffer>> {
  const writer = stream.writable.getWriter();
  // The write's promise settles only as the output is read; errors surface on the reader.
  void writer.write(new Uint8Array(bytes)).catch(() => undefined);
  void writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxOut) {
      await reader.cancel().catch(() => undefined);
      throw new RangeError(`more than ${maxOut} bytes after decompression`);
    }
    chunks.push(value);
  }
  return concat(...chunks);
}

export const compress = (bytes: Uint8Array, format: 'gzip' | 'deflate-raw'): Promise<Uint8Array<ArrayBuffer>> =>
  pipe(bytes, new CompressionStream(format), Number.MAX_SAFE_INTEGER);

/** Rejects (RangeError or TypeError) on damaged input or output larger than maxOut bytes. */
export const decompress = (bytes: Uint8Array, format: 'gzip' | 'deflate-raw', maxOut: number): Promise<Uint8Array<ArrayBuffer>> =>
  pipe(bytes, new DecompressionStream(format), maxOut);

export async function sha256(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
}
