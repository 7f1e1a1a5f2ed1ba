import { describe, expect, it } from 'vitest';
import { hashPin, isValidPin, parsePinHash, verifyPin } from '../../../../src-renderer/core/staff/pin';

/** The sample site's staff.pinHash (kiosk-config/regina-mundi/site.json), made from PIN 2468. */
const SAMPLE = 'pbkdf2-sha256$210000$qCEdyYtytG8pUzEsTPKANg==$8zJrf9ITfjniYLgIDYRAa68cWyjvdI7Q+UFhG3EA+R0=';

describe('PIN hashing', () => {
  it('verifies the sample hash with 2468 and rejects 2469', async () => {
    expect(await verifyPin('2468', SAMPLE)).toBe(true);
    expect(await verifyPin('2469', SAMPLE)).toBe(false);
    expect(await verifyPin('', SAMPLE)).toBe(false);
  });

  it('hashes in the stored format with a fresh salt each time, and verifies its own hashes', async () => {
    const a = await hashPin('1357', { iterations: 10_000 });
    const b = await hashPin('1357', { iterations: 10_000 });
    expect(a).toMatch(/^pbkdf2-sha256\$10000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(await verifyPin('1357', a)).toBe(true);
    expect(await verifyPin('1358', a)).toBe(false);
  });

  it('reproduces the sample hash from its salt with the default 210,000 iterations', async () => {
    const salt = parsePinHash(SAMPLE)!.salt;
    expect(await hashPin('2468', { salt })).toBe(SAMPLE);
  });

  it('refuses malformed hashes and PINs', async () => {
    for (const bad of ['', 'plain', 'sha1$1000$abc$def', 'pbkdf2-sha256$abc$qCEdyYtytG8pUzEsTPKANg==$8zJr', 'pbkdf2-sha256$10$qCEdyYtytG8pUzEsTPKANg==$8zJrf9ITfjniYLgIDYRAa68cWyjvdI7Q+UFhG3EA+R0=', 'pbkdf2-sha256$210000$!!!$8zJrf9ITfjniYLgIDYRAa68cWyjvdI7Q+UFhG3EA+R0=']) {
      expect(parsePinHash(bad)).toBeUndefined();
      expect(await verifyPin('2468', bad)).toBe(false);
    }
    expect(isValidPin('123')).toBe(false);
    expect(isValidPin('12a4')).toBe(false);
    expect(isValidPin('123456789012')).toBe(true);
    await expect(hashPin('12')).rejects.toThrow(RangeError);
    await expect(hashPin('1234', { iterations: 5 })).rejects.toThrow(RangeError);
  });
});
