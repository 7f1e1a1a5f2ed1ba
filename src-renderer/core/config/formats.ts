// The value formats of the site config (ids, local dates and times, colours, URLs) as patterns and
// predicates, shared by the schema and the cross-checks.
import { Temporal } from 'temporal-polyfill';

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const LOCAL_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Like TIME_PATTERN, plus "24:00" for a range that runs to midnight. */
export const END_TIME_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
export const COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2}$/;

/** WCAG 2.x AA: normal-size text needs a contrast ratio of at least 4.5:1. */
export const MIN_CONTRAST_WITH_WHITE = 4.5;

/** A real calendar date or date-time in ISO form ("2026-02-30" is not). */
export function isRealDateTime(text: string): boolean {
  try {
    Temporal.PlainDateTime.from(text, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

export function isLocalDate(text: string): boolean {
  return LOCAL_DATE_PATTERN.test(text) && isRealDateTime(text);
}

export function isLocalDateTime(text: string): boolean {
  return LOCAL_DATE_TIME_PATTERN.test(text) && isRealDateTime(text);
}

/** An IANA zone name Temporal knows. Fixed offsets such as "+01:00" are refused: they ignore DST. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z]/.test(timeZone)) return false;
  try {
    Temporal.Now.zonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** https anywhere; plain http only for a server on the kiosk itself. */
export function isSecureUrl(text: string): boolean {
  const url = parseUrl(text);
  if (!url) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname));
}

/** An http(s) address without a user name or password in it (a feed's URL: credentials go elsewhere). */
export function isWebUrl(text: string): boolean {
  const url = parseUrl(text);
  return url !== undefined && (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
}

export function isHttpsUrl(text: string): boolean {
  return parseUrl(text)?.protocol === 'https:';
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** WCAG contrast ratio of white text on a "#rrggbb" background. */
export function contrastWithWhite(colour: string): number {
  const [red = 0, green = 0, blue = 0] = [1, 3, 5].map((offset) => linearChannel(parseInt(colour.slice(offset, offset + 2), 16) / 255));
  const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  return 1.05 / (luminance + 0.05);
}

function linearChannel(value: number): number {
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}
