// The kiosk's Content-Security-Policy, in one place for every host: the hub's HTTP server and Electron's app://
// protocol (which serves through the same hub app).
// Leaflet positions tiles and markers through the CSSOM, which style-src does not govern, so no
// 'unsafe-inline' is needed; Svelte's style: directives use the CSSOM too.
const DIRECTIVES: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'manifest-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'object-src': "'none'",
  'frame-ancestors': "'none'",
};

export const CSP_HEADER = Object.entries(DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** The same policy for a `<meta>` tag, which ignores frame-ancestors. */
export const CSP_META = Object.entries(DIRECTIVES)
  .filter(([name]) => name !== 'frame-ancestors')
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');
