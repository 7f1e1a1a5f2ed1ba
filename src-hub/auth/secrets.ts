// Secrets of the hub's accounts and screens. Passwords and PINs are hashed with argon2id
// (@node-rs/argon2's defaults: 19 MiB, 2 passes, OWASP's recommended floor); session ids, device
// tokens and setup links are 256 random bits, stored only as their SHA-256 — a copy of the database
// opens no session and pairs no screen.
import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A new secret: 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** How a secret is stored and looked up. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Equal strings, compared in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password and for a stored hash that cannot be read, never an exception. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Spends the time of one verification for a name that has no account, so the answer's timing does
 * not tell which names exist.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hash('no account has this password');
  await verifyPassword(await dummy, password);
  return false;
}

/** Pairing codes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, which a person copying a screen confuses. */
const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const PAIRING_CODE_LENGTH = 6;

export function newPairingCode(): string {
  let code = '';
  for (let index = 0; index < PAIRING_CODE_LENGTH; index++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A typed code as the hub compares it: case, spaces and dashes do not matter. */
export function normalisePairingCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}
