// Small, well-known integrity functions with published check values, so a follow-up page written in
// another language later can compute exactly the same numbers.

/**
 * CRC-16/IBM-3740 (also sold as CRC-16/CCITT-FALSE): polynomial 0x1021, initial value 0xFFFF, no
 * reflection, no final XOR. Check value: "123456789" → 0x29B1. It catches every single-bit error
 * and every error burst of up to 16 bits, which covers any one mistyped or corrupted character.
 */
export function crc16Ccitt(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

/** 32-bit FNV-1a over the bytes, as an unsigned number. Check value: "a" → 0xE40C292C. */
export function fnv1a32(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  return hash >>> 0;
}
