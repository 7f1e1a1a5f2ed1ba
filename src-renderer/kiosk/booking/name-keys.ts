// The letters a visitor's name may need in any of the kiosk's four languages, beyond A–Z.
// Turkish: Ç Ğ İ Ö Ş Ü (and ı); Dutch: É È Ë Ï Ö Ü; French: À Â Ç É È Ê Ë Î Ï Ô Œ Ù Û Ü.

/** A–Z and the hyphen of double names, upper case (the keyboard shows them lower case after the first letter). */
export const NAME_LETTERS: readonly string[] = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ-'];

/** The extra letters of Turkish, Dutch and French, one key each, as capitals. */
export const NAME_ACCENTS: readonly string[] = [...'ŞĞÇÖÜİÉÈËÊÏÎÀÂÔÛÙŒ'];

/**
 * A key in the chosen case. Turkish pairs İ with i and I with ı, so the İ key types ı in lower case:
 * with the plain I and i keys every Turkish letter stays reachable.
 */
export function keyInCase(key: string, upper: boolean): string {
  if (upper) return key;
  return key === 'İ' ? 'ı' : key.toLowerCase();
}
