// Base45 (RFC 9285): bytes as text in the QR code alphanumeric alphabet, so a QR code stores it in
// alphanumeric mode (5.5 bits a character): about a quarter smaller than base64url in byte mode.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 < bytes.length) {
      let n = bytes[i]! * 256 + bytes[i + 1]!;
      const c = n % 45;
      n = (n - c) / 45;
      const d = n % 45;
      out += ALPHABET[c]! + ALPHABET[d]! + ALPHABET[(n - d) / 45]!;
    } else {
      const n = bytes[i]!;
      out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45)]!;
    }
  }
  return out;
}

/** Throws RangeError on characters outside the alphabet or groups that are not bytes. */
export function decodeBase45(text: string): Uint8Array {
  const values = Array.from(text, (ch) => {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError(`"${ch}" is not a base45 character`);
    return v;
  });
  if (values.length % 3 === 1) throw new RangeError('base45 text of impossible length');
  const out = new Uint8Array(Math.floor(values.length / 3) * 2 + (values.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < values.length; i += 3) {
    if (i + 2 < values.length) {
      const n = values[i]! + values[i + 1]! * 45 + values[i + 2]! * 2025;
      if (n > 0xffff) throw new RangeError('base45 group out of range');
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = values[i]! + values[i + 1]! * 45;
      if (n > 0xff) throw new RangeError('base45 group out of range');
      out[o++] = n;
    }
  }
  return out;
}
