// The headers every answer of the hub carries — pages, files, JSON, errors, 404s and long polls alike,
// on both hosts (the Node server and Electron's app:// protocol).
import { CSP_HEADER } from './csp';

const HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Nothing the hub serves is meant to be embedded or read by another site.
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  // Only features Chromium knows: an unknown one is a console warning on every page load.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()',
});

export function securityHeaders(): Record<string, string> {
  return { ...HEADERS };
}

/** Sets the security headers on a response in place (hono's answers have mutable headers). */
export function applySecurityHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(HEADERS)) headers.set(name, value);
}
