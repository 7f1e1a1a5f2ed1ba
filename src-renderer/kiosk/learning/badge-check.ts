// A badge shown at the kiosk (issue 12): the presentation read from the scanner or the camera, checked
// with core/badges against the site's trusted keys, answered as a verdict the scanner screen puts in
// words. Nothing of the credential is kept: the verdict lives as long as the screen shows it.
import { decodePresentation, verifyCredential, type IssuerDocument, type OpenBadgeCredential, type VerificationCheck } from '../../core/badges';
import type { Achievement } from '../../core/model';

export type RefusalReason = 'presentation' | 'format' | VerificationCheck['id'];

export type BadgeVerdict =
  | { kind: 'valid'; credential: OpenBadgeCredential; achievement?: Achievement }
  | { kind: 'refused'; reason: RefusalReason }
  /** The site's keys could not be had (no hub that publishes them): nothing can be said about the badge. */
  | { kind: 'cannot-check' };

export interface BadgeCheckDeps {
  /** The hub's /badges/issuer.json; rejects when there is none or it cannot be reached. */
  issuer: () => Promise<IssuerDocument>;
  /** A status list credential by URL, or null when it cannot be fetched (revocation then unchecked). */
  statusList?: (url: string) => Promise<string | null>;
  now: number;
}

/** Checks one presentation's text. Never throws. */
export async function checkPresentation(text: string, achievements: readonly Achievement[], deps: BadgeCheckDeps): Promise<BadgeVerdict> {
  let issuer: IssuerDocument;
  try {
    issuer = await deps.issuer();
  } catch {
    return { kind: 'cannot-check' };
  }
  let jws: string;
  try {
    ({ jws } = await decodePresentation(text.trim(), deps.now));
  } catch {
    // A BadgeFormatError (not a presentation, not signed by the subject's key, too old) or any other failure.
    return { kind: 'refused', reason: 'presentation' };
  }
  const verification = await verifyCredential(jws, { trusted: issuer.keys, now: deps.now, ...(deps.statusList ? { statusList: deps.statusList } : {}) });
  if (!verification.valid || !verification.credential) {
    return { kind: 'refused', reason: verification.checks.find((check) => check.ok === false)?.id ?? 'format' };
  }
  const achievement = achievementOf(verification.credential, achievements);
  return { kind: 'valid', credential: verification.credential, ...(achievement ? { achievement } : {}) };
}

/**
 * The site's achievement a credential is for: its achievement id is the URL of the achievement's public
 * page, ".../badges/achievements/<id>" (see CredentialInput.achievementUrl).
 */
export function achievementOf(credential: OpenBadgeCredential, achievements: readonly Achievement[]): Achievement | undefined {
  const url = credential.credentialSubject.achievement.id;
  try {
    const last = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '');
    return achievements.find((achievement) => achievement.id === last);
  } catch {
    return undefined;
  }
}
