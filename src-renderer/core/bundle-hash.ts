// A cheap fingerprint of a site folder's raw files: the kiosk's seeding uses it to skip validating an
// unchanged folder, and the hub publishes it as the config version screens compare. Pure, so both
// compute the same value for the same files.
import type { SiteBundle } from './model';

/**
 * Part of the hash, as db/seed.ts's SEED_FORMAT: bumped when what a bundle turns into changes, so
 * every screen takes the same files as new.
 */
const BUNDLE_HASH_FORMAT = 1;

/** FNV-1a (32-bit) over the UTF-16 code units, plus the length: change detection, not security. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${(hash >>> 0).toString(16).padStart(8, '0')}-${text.length.toString(36)}`;
}

/** The fingerprint of a site folder's files (the same value db/seed.ts's `bundleHash` gives). */
export function bundleHash(bundle: SiteBundle): string {
  return hashText(`${BUNDLE_HASH_FORMAT}\n${JSON.stringify(bundle.files)}`);
}
