/** A problem with a credential, claim proof or presentation, in words a person can act on. */
export class BadgeFormatError extends Error {
  override name = 'BadgeFormatError';
}
