// The phone's side: claim proofs and the presentation QR (round trips, and every way they are refused),
// with the size of the QR code for the sample site's badges.
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import {
  BadgeFormatError,
  buildCredential,
  decodePresentation,
  encodePresentation,
  generateHolderKey,
  readCredential,
  signClaimProof,
  signCredential,
  verifyClaimProof,
  verifyCredential,
} from '../../../src-renderer/core/badges';
import { ACHIEVEMENTS, HUB, input, NOW, world } from './fixture';

const MINUTE = 60_000;

describe('claim proofs', () => {
  it('round-trips: the hub learns the phone\'s did from a fresh proof over its claim token', async () => {
    const holder = await generateHolderKey();
    const proof = await signClaimProof('claim-token-123', holder, NOW);
    const header = JSON.parse(atob(proof.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, string>;
    expect(header).toEqual({ alg: 'EdDSA', typ: 'wegwijzer-claim+jwt', kid: `${holder.did}#${holder.did.slice(8)}` });
    expect(await verifyClaimProof(proof, 'claim-token-123', NOW + 9 * MINUTE)).toBe(holder.did);
    expect(await verifyClaimProof(proof, 'claim-token-123', NOW - 9 * MINUTE)).toBe(holder.did);
  });

  it('refuses, with words, a proof for another token, a stale or early one, a changed one, and nonsense', async () => {
    const holder = await generateHolderKey();
    const other = await generateHolderKey();
    const proof = await signClaimProof('token-a', holder, NOW);
    await expect(verifyClaimProof(proof, 'token-b', NOW)).rejects.toThrow(/another claim code/);
    await expect(verifyClaimProof(proof, 'token-a', NOW + 11 * MINUTE)).rejects.toThrow(/more than 10 minutes from now/);
    await expect(verifyClaimProof(proof, 'token-a', NOW - 11 * MINUTE)).rejects.toThrow(/more than 10 minutes from now/);
    // The same payload and signature under another phone's kid.
    const [, p, s] = proof.split('.');
    const otherHeader = (await signClaimProof('token-a', other, NOW)).split('.')[0];
    await expect(verifyClaimProof(`${otherHeader}.${p}.${s}`, 'token-a', NOW)).rejects.toThrow(/signature does not match/);
    await expect(verifyClaimProof('nonsense', 'token-a', NOW)).rejects.toThrow(BadgeFormatError);
    const credentialJws = (await world()).jws;
    await expect(verifyClaimProof(credentialJws, 'token-a', NOW)).rejects.toThrow(/type "vc\+jwt" where "wegwijzer-claim\+jwt" was expected/);
  });
});

describe('presentations', () => {
  it('round-trip: the kiosk gets back the exact credential JWS, the holder and the time, and the credential verifies', async () => {
    const { issuer, holder, jws } = await world();
    const text = await encodePresentation(jws, holder, NOW);
    expect(text.startsWith('WB1.')).toBe(true);
    expect(text).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    const shown = await decodePresentation(text, NOW + 5 * MINUTE);
    expect(shown).toEqual({ jws, holderDid: holder.did, at: NOW });
    const v = await verifyCredential(shown.jws, { trusted: [{ did: issuer.did, state: 'current' }], now: NOW });
    expect(v.valid).toBe(true);
    // Trailing line ends from a scanner are harmless.
    expect((await decodePresentation(`${text}\r\n`, NOW)).jws).toBe(jws);
  });

  it('refuses to present a badge from a phone whose key is not its holder', async () => {
    const { jws } = await world();
    await expect(encodePresentation(jws, await generateHolderKey(), NOW)).rejects.toThrow(/belongs to another key than this phone/);
  });

  it('refuses a presentation signed by another key than the badge\'s holder', async () => {
    const { issuer, holder } = await world();
    const thief = await generateHolderKey();
    // The thief's badge and the victim's badge share everything but the holder; swap the credential in.
    const theirs = await signCredential(buildCredential(input(issuer, thief)), issuer);
    const victims = await signCredential(buildCredential(input(issuer, holder)), issuer);
    const fromThief = await encodePresentation(theirs, thief, NOW);
    const fromHolder = await encodePresentation(victims, holder, NOW);
    // Thief's time and signature (8 + 64 bytes = 48 base45 characters after the prefix) on the victim's badge.
    const spliced = fromThief.slice(0, 4 + 108) + fromHolder.slice(4 + 108);
    await expect(decodePresentation(spliced, NOW)).rejects.toThrow(/not shown by its holder/);
    await expect(decodePresentation(fromHolder, NOW)).resolves.toMatchObject({ holderDid: holder.did });
  });

  it('refuses a stale presentation (a screenshot) and one from the future, with words', async () => {
    const { holder, jws } = await world();
    const text = await encodePresentation(jws, holder, NOW);
    await expect(decodePresentation(text, NOW + 10 * MINUTE)).resolves.toMatchObject({ at: NOW });
    await expect(decodePresentation(text, NOW + 11 * MINUTE)).rejects.toThrow(/older than 10 minutes/);
    await expect(decodePresentation(text, NOW - 1.5 * MINUTE)).resolves.toMatchObject({ at: NOW });
    await expect(decodePresentation(text, NOW - 3 * MINUTE)).rejects.toThrow(/dated in the future/);
  });

  it('refuses a presentation changed in any one character (every position), with a BadgeFormatError', { timeout: 120_000 }, async () => {
    const { holder, jws } = await world({ achievement: { ...ACHIEVEMENTS[0]!, alignment: [] }, imageUrl: undefined });
    const text = await encodePresentation(jws, holder, NOW);
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    let refused = 0;
    for (let i = 4; i < text.length; i++) {
      const ch = text[i]!;
      const swapped = alphabet[(alphabet.indexOf(ch) + 1) % alphabet.length]!;
      const tampered = text.slice(0, i) + swapped + text.slice(i + 1);
      const result = await decodePresentation(tampered, NOW).then(
        (r) => (r.jws === jws ? 'same credential' : 'accepted a changed credential'),
        (e: unknown) => (e instanceof BadgeFormatError ? 'refused' : `threw ${String(e)}`),
      );
      // A change in the time is caught by the holder's signature too; none may pass as another badge.
      expect(result, `position ${i}`).toBe('refused');
      refused++;
    }
    expect(refused).toBe(text.length - 4);
  });

  it('refuses text that is not a Wegwijzer presentation, or is cut short', async () => {
    const { holder, jws } = await world();
    const text = await encodePresentation(jws, holder, NOW);
    await expect(decodePresentation('https://example.org/', NOW)).rejects.toThrow(/not a Wegwijzer badge/);
    await expect(decodePresentation(text.slice(0, text.length - 30), NOW)).rejects.toThrow(/damaged or incomplete/);
    await expect(decodePresentation('WB1.', NOW)).rejects.toThrow(/damaged or incomplete/);
  });

  it('fits every sample-site badge in a QR code of version 25 or lower at error correction M', async () => {
    const holder = await generateHolderKey();
    const { issuer } = await world();
    const sizes: string[] = [];
    for (const a of ACHIEVEMENTS) {
      for (const locale of ['nl', 'tr'] as const) {
        const credential = buildCredential(input(issuer, holder, { achievement: a, locale, achievementUrl: `${HUB}/badges/achievements/${a.id}`, imageUrl: a.image ? `${HUB}/badges/achievements/${a.id}.svg` : undefined }));
        const jws = await signCredential(credential, issuer);
        const text = await encodePresentation(jws, holder, NOW);
        const version = QRCode.create(text, { errorCorrectionLevel: 'M' }).version;
        sizes.push(`${a.id}/${locale}: JWS ${jws.length}, QR text ${text.length}, version ${version} (L ${QRCode.create(text, { errorCorrectionLevel: 'L' }).version})`);
        expect(version, `${a.id} in ${locale}`).toBeLessThanOrEqual(25);
        expect(readCredential((await decodePresentation(text, NOW)).jws).credential).toEqual(credential);
      }
    }
    console.info(`presentation QR sizes:\n${sizes.join('\n')}`);
  });
});
