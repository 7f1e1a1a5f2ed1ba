// Credentials (VC-JOSE Open Badges 3.0): what is built, signed and verified, checked with a second
// Ed25519 implementation (@noble/curves) over the JWS signing input, and every way a badge must fail.
import { ed25519 } from '@noble/curves/ed25519.js';
import { base64urlnopad } from '@scure/base';
import { describe, expect, it } from 'vitest';
import {
  BadgeFormatError,
  buildCredential,
  generateIssuerKey,
  jwkFromDid,
  publicKeyFromDid,
  readCredential,
  signCredential,
  verifyCredential,
  type Verification,
  type VerifyOptions,
} from '../../../src-renderer/core/badges';
import { achievement, HUB, input, LIST_URL, NOW, statusList, world } from './fixture';

const enc = new TextEncoder();
const segments = (jws: string): [string, string, string] => jws.split('.') as [string, string, string];
/** The JWS checked with @noble/curves instead of jose/WebCrypto. */
function nobleVerifies(jws: string, did: string): boolean {
  const [h, p, s] = segments(jws);
  return ed25519.verify(base64urlnopad.decode(s), enc.encode(`${h}.${p}`), publicKeyFromDid(did));
}
const check = (v: Verification, id: string) => v.checks.find((c) => c.id === id);
const options = (did: string, extra: Partial<VerifyOptions> = {}): VerifyOptions => ({ trusted: [{ did, state: 'current' }], now: NOW, ...extra });

describe('buildCredential', () => {
  it('builds an OpenBadgeCredential with the issuer, holder, achievement, validity and status entry', async () => {
    const { issuer, holder } = await world();
    const c = buildCredential(input(issuer, holder));
    expect(c['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(c.issuer).toEqual({ id: issuer.did, type: ['Profile'], name: 'Regina Mundi-site', url: HUB });
    expect(c.validFrom).toBe('2026-12-02T15:59:00Z');
    expect(c.validUntil).toBe('2027-12-02T16:00:00Z');
    expect(c.name).toBe('Codeur');
    expect(c.credentialSubject).toMatchObject({ id: holder.did, type: ['AchievementSubject'] });
    expect(c.credentialSubject.achievement).toEqual({
      id: `${HUB}/badges/achievements/coder`,
      type: ['Achievement'],
      achievementType: 'Badge',
      name: 'Codeur',
      description: 'Schrijft een klein programma dat werkt.',
      criteria: { narrative: 'Heeft een project afgewerkt op de CoderDojo.' },
      inLanguage: 'nl',
      image: { id: `${HUB}/badges/achievements/coder.svg`, type: 'Image' },
      alignment: [{ type: ['Alignment'], targetName: 'Programming', targetUrl: achievement('coder').alignment[0]!.targetUrl, targetFramework: 'ESCO', targetDescription: 'Writing computer programs.' }],
    });
    expect(c.credentialStatus).toEqual({ id: `${LIST_URL}#42`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '42', statusListCredential: LIST_URL });
  });

  it('takes the texts in the asked language and falls back to the default one, saying which with inLanguage', async () => {
    const { issuer, holder } = await world();
    const tr = buildCredential(input(issuer, holder, { locale: 'tr' })).credentialSubject.achievement;
    expect([tr.name, tr.inLanguage]).toEqual(['Kodlayıcı', 'tr']);
    const partial = { ...achievement('coder'), name: { nl: 'Codeur' }, description: { nl: 'Alleen Nederlands.' }, criteria: { nl: 'Gedaan.' } };
    const fallback = buildCredential(input(issuer, holder, { locale: 'fr', achievement: partial })).credentialSubject.achievement;
    expect([fallback.name, fallback.description, fallback.inLanguage]).toEqual(['Codeur', 'Alleen Nederlands.', 'nl']);
  });

  it('leaves out what was not given: no image, alignment, end date or status entry', async () => {
    const { issuer, holder } = await world();
    const c = buildCredential(input(issuer, holder, { imageUrl: undefined, validUntil: undefined, status: undefined, achievement: { ...achievement('coder'), alignment: [] } }));
    expect(c).not.toHaveProperty('validUntil');
    expect(c).not.toHaveProperty('credentialStatus');
    expect(c.credentialSubject.achievement).not.toHaveProperty('image');
    expect(c.credentialSubject.achievement).not.toHaveProperty('alignment');
  });

  it('holds no name, e-mail or device identifier of the holder: the subject is only the phone key', async () => {
    const { issuer, holder } = await world();
    expect(Object.keys(buildCredential(input(issuer, holder)).credentialSubject).sort()).toEqual(['achievement', 'id', 'type']);
  });

  it('refuses a holder that is not an Ed25519 did:key', async () => {
    const { issuer } = await world();
    expect(() => buildCredential(input(issuer, { did: 'did:web:example.org' }))).toThrow(/not a did:key/);
  });
});

describe('signCredential and readCredential', () => {
  it('signs a compact JWS with the agreed header, and reads it back without verifying', async () => {
    const { issuer, holder, jws } = await world();
    const [h] = segments(jws);
    const did = issuer.did;
    expect(JSON.parse(new TextDecoder().decode(base64urlnopad.decode(h)))).toEqual({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: `${did}#${did.slice('did:key:'.length)}` });
    const read = readCredential(jws);
    expect(read.signedBy).toBe(did);
    expect(read.credential).toEqual(buildCredential(input(issuer, holder)));
  });

  it('refuses to sign a credential that names another issuer than the key', async () => {
    const { issuer, holder } = await world();
    const other = await generateIssuerKey();
    await expect(signCredential(buildCredential(input(other, holder)), issuer)).rejects.toThrow(/names issuer .* but would be signed by/);
  });

  it.each([
    ['', /three parts/],
    ['not a badge', /three parts/],
    ['a.b.c', /header .* cannot be decoded|not JSON/],
    [`${base64urlnopad.encode(new TextEncoder().encode('{"alg":"ES256","typ":"vc+jwt"}'))}.e30.${'A'.repeat(86)}`, /only EdDSA/],
  ])('readCredential(%j) throws BadgeFormatError with words', (text, words) => {
    expect(() => readCredential(text)).toThrow(BadgeFormatError);
    expect(() => readCredential(text)).toThrow(words);
  });
});

describe('verifyCredential', () => {
  it('accepts a fresh badge: all five checks pass, and the signature also checks with @noble/curves', async () => {
    const { issuer, jws } = await world();
    const list = await statusList(issuer, [3, 41, 43]);
    const v = await verifyCredential(jws, options(issuer.did, { statusList: async (url) => (url === LIST_URL ? list : null) }));
    expect(v.checks.map((c) => [c.id, c.ok])).toEqual([['format', true], ['signature', true], ['issuer', true], ['expiry', true], ['revocation', true]]);
    expect(v.valid).toBe(true);
    expect(v.signedBy).toBe(issuer.did);
    expect(nobleVerifies(jws, issuer.did)).toBe(true);
  });

  // Every position with the verifier; @noble/curves (pure JS, slower) on every 8th position.
  it('fails after any single byte of the payload is changed (every position of the signed payload)', { timeout: 120_000 }, async () => {
    const { issuer, jws } = await world({ achievement: { ...achievement('coder'), alignment: [] }, imageUrl: undefined });
    const [h, p, s] = segments(jws);
    const payload = base64urlnopad.decode(p);
    let tried = 0;
    let noble = 0;
    for (let i = 0; i < payload.length; i++) {
      const changed = payload.slice();
      changed[i] = changed[i]! ^ 0x01;
      const tampered = `${h}.${base64urlnopad.encode(changed)}.${s}`;
      if (i % 8 === 0) {
        expect(nobleVerifies(tampered, issuer.did), `byte ${i}`).toBe(false);
        noble++;
      }
      const v = await verifyCredential(tampered, options(issuer.did));
      expect(v.valid, `byte ${i}`).toBe(false);
      // A flip that still parses fails on the signature; one that breaks the JSON fails on the format.
      expect(v.checks.some((c) => (c.id === 'signature' || c.id === 'format') && c.ok === false), `byte ${i}`).toBe(true);
      tried++;
    }
    expect(tried).toBe(payload.length);
    expect(tried).toBeGreaterThan(700);
    expect(noble).toBe(Math.ceil(payload.length / 8));
  });

  it('fails, with words, when the signature is by another key than the issuer named in the badge', async () => {
    const { issuer, jws } = await world();
    const other = await generateIssuerKey();
    const [, p] = segments(jws);
    const forged = await signCredential({ ...readCredential(jws).credential, issuer: { ...readCredential(jws).credential.issuer, id: other.did } }, other);
    const mixed = `${segments(jws)[0]}.${p}.${segments(forged)[2]}`;
    const v = await verifyCredential(mixed, options(issuer.did));
    expect(check(v, 'signature')).toMatchObject({ ok: false, detail: expect.stringMatching(/changed after it was issued/) });
    expect(v.valid).toBe(false);
  });

  it('fails when the signing key is rotated out (no longer in the trusted list), passes while it is retired', async () => {
    const { issuer, jws } = await world();
    const next = await generateIssuerKey();
    const retired = await verifyCredential(jws, { trusted: [{ did: next.did, state: 'current' }, { did: issuer.did, state: 'retired' }], now: NOW });
    expect([retired.valid, check(retired, 'issuer')?.ok]).toEqual([true, true]);
    const gone = await verifyCredential(jws, { trusted: [{ did: next.did, state: 'current' }], now: NOW });
    expect(gone.valid).toBe(false);
    expect(check(gone, 'signature')?.ok).toBe(true);
    expect(check(gone, 'issuer')).toMatchObject({ ok: false, detail: expect.stringMatching(/not one this site trusts/) });
    expect(check(gone, 'expiry')?.ok).toBeNull();
  });

  it('fails once its status bit is set in the site\'s status list', async () => {
    const { issuer, jws } = await world();
    const list = await statusList(issuer, [42]);
    const v = await verifyCredential(jws, options(issuer.did, { statusList: async () => list }));
    expect(check(v, 'revocation')).toMatchObject({ ok: false, detail: 'The site has revoked this badge.' });
    expect(v.valid).toBe(false);
  });

  it('fails from validUntil on, and before validFrom', async () => {
    const { issuer, jws } = await world();
    const until = Date.parse(readCredential(jws).credential.validUntil!);
    const before = await verifyCredential(jws, options(issuer.did, { now: until - 1000 }));
    expect(before.valid).toBe(true);
    const after = await verifyCredential(jws, options(issuer.did, { now: until }));
    expect(check(after, 'expiry')).toMatchObject({ ok: false, detail: expect.stringMatching(/expired on 2027-12-02T16:00:00Z/) });
    expect(after.valid).toBe(false);
    const early = await verifyCredential(jws, options(issuer.did, { now: NOW - 3_600_000 }));
    expect(check(early, 'expiry')).toMatchObject({ ok: false, detail: expect.stringMatching(/valid only from/) });
  });

  it("takes a badge issued just now on a device whose clock is a few minutes slow, not one that is hours off", async () => {
    const { issuer, jws } = await world();
    const from = Date.parse(readCredential(jws).credential.validFrom);
    // A phone a minute (or up to five) behind the hub that stamped validFrom: valid.
    for (const behind of [1000, 60_000, 5 * 60_000]) {
      const slow = await verifyCredential(jws, options(issuer.did, { now: from - behind }));
      expect(check(slow, 'expiry'), `${behind} ms slow`).toMatchObject({ ok: true });
      expect(slow.valid).toBe(true);
    }
    // Beyond that the clock is wrong, and the check says so.
    const wrong = await verifyCredential(jws, options(issuer.did, { now: from - 5 * 60_000 - 1000 }));
    expect(check(wrong, 'expiry')).toMatchObject({ ok: false, detail: expect.stringMatching(/check the device's clock/) });
  });

  it('leaves revocation unchecked (null, still valid) without a fetcher, when the list is unavailable, or when it cannot be trusted', async () => {
    const { issuer, jws } = await world();
    const stranger = await generateIssuerKey();
    const foreignList = await statusList(stranger, [42]);
    const cases: [VerifyOptions['statusList'], RegExp][] = [
      [undefined, /no way to fetch/],
      [async () => null, /not available/],
      [async () => { throw new Error('network down'); }, /could not be fetched \(network down\)/],
      [async () => foreignList, /could not be trusted .*does not trust/],
      [async () => 'garbage', /could not be trusted/],
    ];
    for (const [fetcher, words] of cases) {
      const v = await verifyCredential(jws, options(issuer.did, fetcher ? { statusList: fetcher } : {}));
      expect(check(v, 'revocation')?.ok).toBeNull();
      expect(check(v, 'revocation')?.detail).toMatch(words);
      expect(v.valid).toBe(true);
    }
  });

  it('never throws: nonsense gets a failed format check and the rest not checked', async () => {
    for (const text of ['', 'hello', 'a.b.c', '{"@context":[]}', null as unknown as string]) {
      const v = await verifyCredential(text, options('did:key:z6Mkgg342Ycpuk263R9d8Aq6MUaxPn1DDeHyGo38EefXmgDL'));
      expect(v.valid).toBe(false);
      expect(v.checks.map((c) => c.ok)).toEqual([false, null, null, null, null]);
      expect(v.checks[0]!.detail.length).toBeGreaterThan(10);
    }
  });

  it('fails the format check on a signed JWS of another type or without the Open Badges shape', async () => {
    const { issuer, holder } = await world();
    const credential = buildCredential(input(issuer, holder));
    const { signJws } = await import('../../../src-renderer/core/badges/jws');
    const jwk = { ...issuer.privateJwk };
    const wrongTyp = await signJws({ typ: 'JWT' }, credential, jwk, issuer.did);
    expect(check(await verifyCredential(wrongTyp, options(issuer.did)), 'format')?.detail).toMatch(/type "JWT" where "vc\+jwt" was expected/);
    const noSubject = await signJws({ typ: 'vc+jwt', cty: 'vc' }, { ...credential, credentialSubject: undefined }, jwk, issuer.did);
    expect(check(await verifyCredential(noSubject, options(issuer.did)), 'format')?.detail).toMatch(/no credentialSubject/);
    expect(jwkFromDid(issuer.did)).toEqual(issuer.publicJwk);
  });
});
