// Reading a JSON request body without trusting it: the size limit is enforced while the bytes arrive
// (a declared Content-Length over the limit is refused before reading anything, and a body that
// streams past it is cut off there), the text must be UTF-8 and the JSON must parse.
import { badRequest, HttpRefusal } from './errors';

export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  // A browser sends a cross-origin text/plain or form POST without asking first; application/json it
  // must ask about (CORS preflight), and the hub never says yes. So this check also stops such posts.
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpRefusal(415, { error: 'bad-request', message: 'Send the request body as JSON, with Content-Type: application/json.' });
  }
  const declared = request.headers.get('content-length');
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > limit)) throw tooLarge(limit);
  const bytes = await readLimited(request, limit);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('The request body is not UTF-8 text.');
  }
  if (text.trim() === '') throw badRequest('The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        // Stop reading: the rest of the body is never buffered.
        await reader.cancel().catch(() => undefined);
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof HttpRefusal) throw error;
    throw badRequest('The request body could not be read completely.');
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(limit: number): HttpRefusal {
  const size = limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MB` : `${limit / 1024} kB`;
  return new HttpRefusal(413, { error: 'too-large', message: `The request body is larger than this request takes (at most ${size}).` });
}
