// What the fragment asks the page to show. The codec (core/path-code.ts) decides what a code says;
// this only maps its answer onto pages, and reads what a visitor types into the code field.
import { codeFromUrl, normalizeBookingCode, parseFollowUpHash, type DecodedItem, type DecodeFailure } from '../core/path-code';

export type Route =
  | { kind: 'home' }
  | { kind: 'activity'; id: string }
  | { kind: 'path'; code: string; items: DecodedItem[] }
  | { kind: 'unreadable'; reason: DecodeFailure }
  // Badges and playlists (issue 12): a host's claim QR, the phone's wallet, the public check, a playlist.
  | { kind: 'claim'; token: string }
  | { kind: 'badges' }
  | { kind: 'badge'; id: string }
  | { kind: 'verify' }
  | { kind: 'playlist'; id: string };

/** A claim code as the hub makes it (core/hub/contract.ts ClaimBadgeSchema). */
const CLAIM_TOKEN = /^[A-Za-z0-9_-]{16,100}$/;

export function isClaimToken(token: string): boolean {
  return CLAIM_TOKEN.test(token);
}
const PLAYLIST_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The fragments of the learning pages; anything else is left to the path codec. */
function learningRoute(fragment: string): Route | undefined {
  if (fragment === 'badges') return { kind: 'badges' };
  if (fragment === 'verify') return { kind: 'verify' };
  const [name, ...rest] = fragment.split('=');
  const value = rest.join('=');
  // A damaged claim code still opens the claim page, which says in words that it is not valid.
  if (name === 'claim') return { kind: 'claim', token: value };
  if (name === 'badge') {
    let id: string;
    try {
      id = decodeURIComponent(value);
    } catch {
      return { kind: 'badges' };
    }
    return id ? { kind: 'badge', id } : { kind: 'badges' };
  }
  if (name === 'playlist') return PLAYLIST_ID.test(value) ? { kind: 'playlist', id: value } : { kind: 'home' };
  return undefined;
}

/** The fragment of a stored badge's page. */
export function badgeFragment(id: string): string {
  return `badge=${encodeURIComponent(id)}`;
}

/** The page for a fragment ("#…" or without the "#"). Never throws. */
export function routeOf(hash: string): Route {
  const learning = learningRoute((hash.startsWith('#') ? hash.slice(1) : hash).trim());
  if (learning) return learning;
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
