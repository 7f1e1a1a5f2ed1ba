// @digitalbazaar/credentials-context ships no types: the part the tests use.
declare module '@digitalbazaar/credentials-context' {
  /** Context URL -> the context document (the W3C VC 1.1 and 2.0 contexts). */
  export const contexts: Map<string, unknown>;
}
