// Open Badges 3.0 credentials secured with VC-JOSE: build, sign, read, verify.
import type { LocalizedText } from '../model';
import type { CredentialInput, IssuerKeyPair, OpenBadgeCredential, Verification, VerificationCheck, VerifyOptions } from './index';
import { VC2_CONTEXT, OB3_CONTEXT } from './constants';
import { BadgeFormatError } from './errors';
import { didFromJwk, publicKeyFromDid, short } from './didkey';
import { parseJws, signJws, verifyJwsSignature } from './jws';
import { checkStatus } from './statuslist';

export const CREDENTIAL_TYP = 'vc+jwt';

/** An ISO 8601 UTC timestamp without milliseconds (VC 2.0 dateTimeStamp). */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function pick(text: LocalizedText, input: CredentialInput): { text: string; lang: string } {
  const own = text[input.locale];
  if (own) return { text: own, lang: input.locale };
  const fallback = text[input.defaultLocale];
  if (fallback) return { text: fallback, lang: input.defaultLocale };
  const any = Object.entries(text).find(([, v]) => !!v);
  return any ? { text: any[1] ?? '', lang: any[0] } : { text: '', lang: input.defaultLocale };
}

export function buildCredential(input: CredentialInput): OpenBadgeCredential {
  const a = input.achievement;
  publicKeyFromDid(input.issuer.did);
  publicKeyFromDid(input.subjectDid);
  const name = pick(a.name, input);
  const achievement: OpenBadgeCredential['credentialSubject']['achievement'] = {
    id: input.achievementUrl,
    type: ['Achievement'],
    achievementType: 'Badge',
    name: name.text,
    description: pick(a.description, input).text,
    criteria: { narrative: pick(a.criteria, input).text },
    inLanguage: name.lang,
  };
  if (input.imageUrl) achievement.image = { id: input.imageUrl, type: 'Image' };
  if (a.alignment.length > 0) {
    achievement.alignment = a.alignment.map((s) => ({
      type: ['Alignment'],
      targetName: s.targetName,
      targetUrl: s.targetUrl,
      ...(s.targetFramework ? { targetFramework: s.targetFramework } : {}),
      ...(s.targetCode ? { targetCode: s.targetCode } : {}),
      ...(s.targetDescription ? { targetDescription: s.targetDescription } : {}),
    }));
  }
  const credential: OpenBadgeCredential = {
    '@context': [VC2_CONTEXT, OB3_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: input.issuer.did, type: ['Profile'], name: input.issuer.name, ...(input.issuer.url ? { url: input.issuer.url } : {}) },
    validFrom: isoSeconds(input.validFrom),
    ...(input.validUntil !== undefined ? { validUntil: isoSeconds(input.validUntil) } : {}),
    name: name.text,
    credentialSubject: { id: input.subjectDid, type: ['AchievementSubject'], achievement },
  };
  if (input.status) {
    if (!Number.isInteger(input.status.index) || input.status.index < 0) throw new BadgeFormatError(`A status list index is a whole number from 0, not ${input.status.index}.`);
    credential.credentialStatus = {
      id: `${input.status.listUrl}#${input.status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(input.status.index),
      statusListCredential: input.status.listUrl,
    };
  }
  return credential;
}

function checkKeyPair(key: IssuerKeyPair): void {
  if (didFromJwk(key.publicJwk) !== key.did) throw new BadgeFormatError('The issuer key pair is inconsistent: its did does not match its public key.');
  if (typeof key.privateJwk.d !== 'string') throw new BadgeFormatError('The issuer key has no private part; only the hub can sign badges.');
}

/** The private JWK reduced to what signing needs (key_ops/ext/alg from other exporters do not get in the way). */
export const signingJwk = (key: IssuerKeyPair): JsonWebKey => ({ kty: 'OKP', crv: 'Ed25519', x: key.publicJwk.x, d: key.privateJwk.d });

export async function signCredential(credential: OpenBadgeCredential, key: IssuerKeyPair): Promise<string> {
  checkKeyPair(key);
  if (credential.issuer?.id !== key.did) throw new BadgeFormatError(`The credential names issuer ${short(String(credential.issuer?.id))} but would be signed by ${short(key.did)}; build it with the signing key's did.`);
  readCredentialJson(credential);
  return signJws({ typ: CREDENTIAL_TYP, cty: 'vc' }, credential, signingJwk(key), key.did);
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const validDate = (v: unknown): boolean => typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v) && !Number.isNaN(Date.parse(v));

/** Checks the shape of a credential's JSON; throws BadgeFormatError naming what is missing. */
function readCredentialJson(json: unknown): OpenBadgeCredential {
  const no = (what: string): never => {
    throw new BadgeFormatError(`This is not an Open Badge: ${what}.`);
  };
  if (!isObject(json)) return no('its content is not a JSON object');
  const ctx = json['@context'];
  if (!Array.isArray(ctx) || ctx[0] !== VC2_CONTEXT) no(`its @context does not start with ${VC2_CONTEXT} (Verifiable Credentials 2.0)`);
  if (!(ctx as unknown[]).some((c) => typeof c === 'string' && c.startsWith('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0'))) no('its @context does not name the Open Badges 3.0 context');
  const type = json.type;
  if (!Array.isArray(type) || !type.includes('VerifiableCredential') || !(type.includes('OpenBadgeCredential') || type.includes('AchievementCredential'))) no('its type is not VerifiableCredential + OpenBadgeCredential');
  if (!isText(json.id)) no('it has no id');
  const issuer = json.issuer;
  if (!isObject(issuer) || !isText(issuer.id)) no('it does not name its issuer (issuer.id)');
  if (!validDate(json.validFrom)) no('it has no valid validFrom date');
  if (json.validUntil !== undefined && !validDate(json.validUntil)) no('its validUntil is not a date');
  const subject = json.credentialSubject;
  if (!isObject(subject)) return no('it has no credentialSubject');
  if (!isText(subject.id)) no('it does not name its holder (credentialSubject.id)');
  const achievement = subject.achievement;
  if (!isObject(achievement) || !isText(achievement.id) || !isText(achievement.name)) no('it has no achievement with an id and a name');
  const status = json.credentialStatus;
  if (status !== undefined) {
    if (!isObject(status) || status.type !== 'BitstringStatusListEntry' || !isText(status.statusListCredential) || !/^\d+$/.test(String(status.statusListIndex))) {
      no('its credentialStatus is not a BitstringStatusListEntry with a list URL and an index');
    }
  }
  return json as OpenBadgeCredential;
}

export function readCredential(jws: string): { credential: OpenBadgeCredential; signedBy: string } {
  const parsed = parseJws(jws, CREDENTIAL_TYP, 'badge');
  return { credential: readCredentialJson(parsed.payload), signedBy: parsed.did };
}

/**
 * How far a verifying device's clock may run behind the issuer's and still take a badge issued just
 * now: the hub stamps validFrom with its own clock, and a phone a few seconds or minutes slow would
 * otherwise call a freshly claimed badge "not valid yet". (Presentations allow 2 minutes ahead; claim
 * proofs 10 minutes either way.)
 */
const VALID_FROM_SKEW_MS = 5 * 60_000;

const skipped = (id: VerificationCheck['id'], because: string): VerificationCheck => ({ id, ok: null, detail: `Not checked: ${because}.` });

export async function verifyCredential(jws: string, options: VerifyOptions): Promise<Verification> {
  const checks: VerificationCheck[] = [];
  const finish = (credential?: OpenBadgeCredential, signedBy?: string): Verification => {
    const valid = checks.length === 5 && checks.every((c) => c.ok !== false) && checks.slice(0, 4).every((c) => c.ok === true);
    return { valid, ...(credential ? { credential } : {}), ...(signedBy ? { signedBy } : {}), checks };
  };
  try {
    let credential: OpenBadgeCredential;
    let signedBy: string;
    try {
      ({ credential, signedBy } = readCredential(jws));
      checks.push({ id: 'format', ok: true, detail: 'A signed Open Badges 3.0 credential (VC-JOSE, EdDSA).' });
    } catch (e) {
      checks.push({ id: 'format', ok: false, detail: e instanceof BadgeFormatError ? e.message : 'This text is not a signed badge.' });
      for (const id of ['signature', 'issuer', 'expiry', 'revocation'] as const) checks.push(skipped(id, 'the badge could not be read'));
      return finish();
    }
    const laterSkipped = (from: number, because: string): Verification => {
      for (const id of (['signature', 'issuer', 'expiry', 'revocation'] as const).slice(from)) checks.push(skipped(id, because));
      return finish(credential, signedBy);
    };
    // Signature: by the key in the header, which must be the issuer's own did.
    if (credential.issuer.id !== signedBy) {
      checks.push({ id: 'signature', ok: false, detail: `Signed by ${short(signedBy)} but the badge names ${short(credential.issuer.id)} as its issuer; it was not issued by who it claims.` });
      return laterSkipped(1, 'the signature check failed');
    }
    if (!(await verifyJwsSignature(jws, signedBy))) {
      checks.push({ id: 'signature', ok: false, detail: 'The signature does not match the content: the badge was changed after it was issued, or is damaged.' });
      return laterSkipped(1, 'the signature check failed');
    }
    checks.push({ id: 'signature', ok: true, detail: `Signed by ${short(signedBy)}; the content is unchanged.` });
    // Issuer: a key of this site, current or retired (rotated-out keys are absent from the list).
    const trusted = options.trusted.find((k) => k.did === signedBy);
    if (!trusted) {
      checks.push({ id: 'issuer', ok: false, detail: `The signing key ${short(signedBy)} is not one this site trusts (unknown, or rotated out); ask the site to issue the badge again.` });
      return laterSkipped(2, 'the issuer is not trusted');
    }
    checks.push({ id: 'issuer', ok: true, detail: `Issued by ${credential.issuer.name ?? 'this site'} with its ${trusted.state} key.` });
    // Validity period.
    const from = Date.parse(credential.validFrom);
    const until = credential.validUntil !== undefined ? Date.parse(credential.validUntil) : undefined;
    if (options.now + VALID_FROM_SKEW_MS < from) checks.push({ id: 'expiry', ok: false, detail: `The badge is valid only from ${credential.validFrom}; check the device's clock.` });
    else if (until !== undefined && options.now >= until) checks.push({ id: 'expiry', ok: false, detail: `The badge expired on ${credential.validUntil}; earn it again to renew it.` });
    else checks.push({ id: 'expiry', ok: true, detail: until !== undefined ? `Valid until ${credential.validUntil}.` : 'Valid, without an end date.' });
    // Revocation.
    checks.push(await checkStatus(credential, options));
    return finish(credential, signedBy);
  } catch (e) {
    // Never throws: an unexpected failure is a failed check with the reason.
    const ids = ['format', 'signature', 'issuer', 'expiry', 'revocation'] as const;
    const next = ids[checks.length];
    if (next) checks.push({ id: next, ok: false, detail: `The check failed unexpectedly: ${e instanceof Error ? e.message : String(e)}.` });
    while (checks.length < 5) checks.push(skipped(ids[checks.length] ?? 'revocation', 'an earlier check failed'));
    return { valid: false, checks };
  }
}

export { readCredentialJson };
