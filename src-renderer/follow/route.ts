// What the fragment asks the page to show. The codec (core/path-code.ts) decides what a code says;
// this only maps its answer onto pages, and reads what a visitor types into the code field.
import { codeFromUrl, normalizeBookingCode, parseFollowUpHash, type DecodedItem, type DecodeFailure } from '../core/path-code';

export type Route =
  | { kind: 'home' }
  | { kind: 'activity'; id: string }
  | { kind: 'path'; code: string; items: DecodedItem[] }
  | { kind: 'unreadable'; reason: DecodeFailure };

/** The page for a fragment ("#…" or without the "#"). Never throws. */
export function routeOf(hash: string): Route {
  const parsed = parseFollowUpHash(hash);
  if (parsed.kind === 'empty') return { kind: 'home' };
  if (parsed.kind === 'activity') return { kind: 'activity', id: parsed.id };
  if (!parsed.result.ok) return { kind: 'unreadable', reason: parsed.result.reason };
  return { kind: 'path', code: (hash.startsWith('#') ? hash.slice(1) : hash).trim(), items: parsed.result.items };
}

export type TypedCode = { kind: 'fragment'; fragment: string } | { kind: 'booking'; code: string } | { kind: 'invalid' };

/**
 * What someone typed or pasted: a whole follow-up link, the code under a QR (spaces and line breaks
 * from copying are ignored), a poster's "a/<id>", or a six-symbol booking code.
 */
export function readTypedCode(text: string): TypedCode {
  if (typeof text !== 'string' || text.length > 2_000) return { kind: 'invalid' };
  const trimmed = text.trim();
  const booking = normalizeBookingCode(trimmed);
  if (booking) return { kind: 'booking', code: booking };
  const fragment = codeFromUrl(trimmed).replace(/\s+/g, '');
  const route = routeOf(fragment);
  return route.kind === 'path' || route.kind === 'activity' ? { kind: 'fragment', fragment } : { kind: 'invalid' };
}
