import { describe, expect, it } from 'vitest';
import { keyInCase, NAME_ACCENTS, NAME_LETTERS } from '../../../src-renderer/kiosk/booking/name-keys';

describe('the name keyboard letters', () => {
  it('offers the letters of Turkish, Dutch and French beside A–Z', () => {
    for (const letter of 'ŞĞÇÖÜİÉÈËÊÏÀÔŒ') expect(NAME_ACCENTS).toContain(letter);
    expect(new Set([...NAME_LETTERS, ...NAME_ACCENTS]).size).toBe(NAME_LETTERS.length + NAME_ACCENTS.length);
  });

  it('types each key in the chosen case, with Turkish dotless ı under İ', () => {
    expect(keyInCase('Ş', true)).toBe('Ş');
    expect(keyInCase('Ş', false)).toBe('ş');
    expect(keyInCase('Ë', false)).toBe('ë');
    expect(keyInCase('İ', false)).toBe('ı');
    expect(keyInCase('I', false)).toBe('i');
  });
});
