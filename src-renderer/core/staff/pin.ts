// Staff PIN hashes: PBKDF2-SHA256 with Web Crypto, stored as
// `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>` (210,000 iterations: OWASP's figure for
// PBKDF2-HMAC-SHA256). A short PIN is only as strong as the keypad lockout in front of it; the hash
// keeps the PIN out of the config files, it does not make a 4-digit PIN uncrackable offline.
// Web Crypto exists as globalThis.crypto in the renderer and in Node 20, so this module stays pure.

export const PIN_HASH_SCHEME = 'pbkdf2-sha256';
export const DEFAULT_PIN_ITERATIONS = 210_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
/** Bounds on a stored hash's iteration count: below is too weak to accept, above would freeze the keypad. */
const MIN_ITERATIONS = 10_000;
const MAX_ITERATIONS = 5_000_000;

export interface ParsedPinHash {
  iterations: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

/** A PIN staff may choose: 4 to 12 digits. */
export function isValidPin(pin: string): boolean {
  return typeof pin === 'string' && /^\d{4,12}$/.test(pin);
}

export async function hashPin(pin: string, options: { iterations?: number; salt?: Uint8Array } = {}): Promise<string> {
  if (!isValidPin(pin)) throw new RangeError('A PIN is 4 to 12 digits.');
  const iterations = options.iterations ?? DEFAULT_PIN_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new RangeError(`iterations must be a whole number from ${MIN_ITERATIONS} to ${MAX_ITERATIONS}`);
  }
  const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pin, salt, iterations, HASH_BITS);
  return [PIN_HASH_SCHEME, String(iterations), toBase64(salt), toBase64(hash)].join('$');
}

/** Whether `pin` matches a stored hash. A malformed hash matches nothing (check it with `parsePinHash`). */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parsePinHash(stored);
  if (!parsed || typeof pin !== 'string') return false;
  const derived = await derive(pin, parsed.salt, parsed.iterations, parsed.hash.length * 8);
  return constantTimeEqual(derived, parsed.hash);
}

/** The parts of a stored hash, or undefined when it is not one this module wrote. */
export function parsePinHash(stored: string): ParsedPinHash | undefined {
  if (typeof stored !== 'string') return undefined;
  const parts = stored.split('$');
  if (parts.length !== 4 || parts[0] !== PIN_HASH_SCHEME) return undefined;
  const [, iterationText = '', saltText = '', hashText = ''] = parts;
  if (!/^\d+$/.test(iterationText)) return undefined;
  const iterations = Number(iterationText);
  if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) return undefined;
  const salt = fromBase64(saltText);
  const hash = fromBase64(hashText);
  if (!salt || !hash || salt.length < 8 || hash.length < 16) return undefined;
  return { iterations, salt, hash };
}

async function derive(pin: string, salt: Uint8Array, iterations: number, bits: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations };
  return new Uint8Array(await crypto.subtle.deriveBits(params, key, bits));
}

/** Compares every byte whatever the first difference, so timing tells nothing about the hash. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
