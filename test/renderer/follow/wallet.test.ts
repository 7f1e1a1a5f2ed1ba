// The phone's wallet store (issue 12) on fake-indexeddb: one key per phone, badges kept with their
// first arrival, issuer keys per hub, ticked playlist steps; and the row made from a real credential.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCredential, generateHolderKey, generateIssuerKey, signCredential } from '../../../src-renderer/core/badges';
import { achievementIdOf, hubUrl, storedBadgeOf } from '../../../src-renderer/follow/wallet';
import { closeWallet, getBadge, keepBadge, keepHolderKey, keepIssuer, listBadges, loadHolderKey, loadIssuer, removeBadge, setTick, ticksOf, WALLET_DATABASE, type StoredBadge } from '../../../src-renderer/follow/wallet-db';
import { input, NOW } from '../badges/fixture';

afterEach(async () => {
  closeWallet();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(WALLET_DATABASE);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error as Error);
  });
});

const badge = (id: string, receivedAt: number): StoredBadge => ({ id, jws: `h.${id}.s`, receivedAt, achievementId: 'coder', achievementName: 'Coder', issuerName: 'Regina Mundi-site', validFrom: receivedAt });

describe('wallet store', () => {
  it('makes the phone key once: a second claim finds the first key and does not make another', async () => {
    const holder = await generateHolderKey();
    const make = vi.fn(async () => ({ did: holder.did, privateKey: holder.privateKey, publicKey: holder.publicKey, createdAt: NOW }));
    const first = await keepHolderKey(make);
    const second = await keepHolderKey(async () => {
      throw new Error('must not make a second key');
    });
    expect(make).toHaveBeenCalledTimes(1);
    expect(second.did).toBe(first.did);
    expect((await loadHolderKey())?.did).toBe(holder.did);
    // The stored private key still signs (it is the CryptoKey itself, never its bytes).
    const stored = await loadHolderKey();
    expect(stored?.privateKey.extractable).toBe(false);
    const signature = await crypto.subtle.sign('Ed25519', stored!.privateKey, new Uint8Array([1, 2, 3]));
    expect(await crypto.subtle.verify('Ed25519', holder.publicKey, signature, new Uint8Array([1, 2, 3]))).toBe(true);
  });

  it('lists badges newest first, keeps the first arrival date when the same credential comes again, and removes one', async () => {
    await keepBadge(badge('urn:uuid:a', 1000));
    await keepBadge(badge('urn:uuid:b', 3000));
    await keepBadge(badge('urn:uuid:c', 2000));
    await keepBadge({ ...badge('urn:uuid:a', 9000), achievementName: 'Coder (again)' });
    expect((await listBadges()).map((stored) => stored.id)).toEqual(['urn:uuid:b', 'urn:uuid:c', 'urn:uuid:a']);
    expect(await getBadge('urn:uuid:a')).toMatchObject({ receivedAt: 1000, achievementName: 'Coder (again)' });
    await removeBadge('urn:uuid:b');
    expect((await listBadges()).map((stored) => stored.id)).toEqual(['urn:uuid:c', 'urn:uuid:a']);
  });

  it('keeps the issuer document per hub origin', async () => {
    await keepIssuer({ origin: 'https://a.example', document: { name: 'A', keys: [] }, fetchedAt: 5 });
    await keepIssuer({ origin: 'https://b.example', document: { name: 'B', keys: [] }, fetchedAt: 6 });
    expect((await loadIssuer('https://a.example'))?.document).toEqual({ name: 'A', keys: [] });
    expect(await loadIssuer('https://c.example')).toBeUndefined();
  });

  it('ticks and unticks playlist steps per playlist', async () => {
    await setTick('listening-to-playing', 0, true, NOW);
    await setTick('listening-to-playing', 2, true, NOW);
    await setTick('from-fixing-to-making', 1, true, NOW);
    await setTick('listening-to-playing', 0, false, NOW);
    expect(await ticksOf('listening-to-playing')).toEqual([2]);
    expect(await ticksOf('from-fixing-to-making')).toEqual([1]);
    expect(await ticksOf('other')).toEqual([]);
  });
});

describe('the wallet row of a credential', () => {
  it('takes the achievement, issuer and dates from a credential signed by core/badges', async () => {
    const issuer = await generateIssuerKey();
    const holder = await generateHolderKey();
    const jws = await signCredential(buildCredential(input(issuer, holder)), issuer);
    const row = storedBadgeOf(jws, NOW);
    expect(row).toMatchObject({ jws, receivedAt: NOW, achievementId: 'coder', issuerName: 'Regina Mundi-site', validFrom: Math.floor((NOW - 60_000) / 1000) * 1000 });
    expect(row.id).toMatch(/^urn:uuid:/);
    expect(row.achievementName.length).toBeGreaterThan(0);
    expect(row.validUntil).toBe(Math.floor((NOW + 365 * 86_400_000) / 1000) * 1000);
    expect(() => storedBadgeOf('not.a.badge', NOW)).toThrow();
  });

  it('reads the achievement id from its URL', () => {
    expect(achievementIdOf('https://hub.example.org/badges/achievements/ensemble-beginner')).toBe('ensemble-beginner');
    expect(achievementIdOf('urn:example:coder')).toBe('coder');
  });

  it('finds the hub one folder above the page', () => {
    expect(hubUrl('/badges/issuer.json', 'https://hub.example.org/follow/')).toBe('https://hub.example.org/badges/issuer.json');
    expect(hubUrl('/badges/claim/abc', 'https://hub.example.org/follow/index.html#claim=abc')).toBe('https://hub.example.org/badges/claim/abc');
  });
});
