// Revocation lists (W3C Bitstring Status List v1.0), read back with Node's own zlib and bit arithmetic
// written out here, not with the module's decoder.
import { gunzipSync } from 'node:zlib';
import { base64urlnopad } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { generateIssuerKey, readCredential, signStatusList, verifyCredential } from '../../../src-renderer/core/badges';
import { LIST_URL, NOW, statusList, world } from './fixture';

const payloadOf = (jws: string) => JSON.parse(new TextDecoder().decode(base64urlnopad.decode(jws.split('.')[1]!))) as Record<string, unknown> & { credentialSubject: Record<string, string> };

describe('signStatusList', () => {
  it('publishes a BitstringStatusListCredential of at least 131,072 bits, index 0 the left-most bit of the first byte', async () => {
    const { issuer } = await world();
    const jws = await statusList(issuer, [0, 9, 42, 131_071]);
    const header = JSON.parse(new TextDecoder().decode(base64urlnopad.decode(jws.split('.')[0]!))) as Record<string, string>;
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc' });
    const list = payloadOf(jws);
    expect(list).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: LIST_URL,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: { id: issuer.did },
      credentialSubject: { id: `${LIST_URL}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation' },
    });
    const encoded = list.credentialSubject.encodedList!;
    expect(encoded.startsWith('u')).toBe(true);
    const bits = gunzipSync(base64urlnopad.decode(encoded.slice(1)));
    expect(bits.length).toBe(16_384);
    expect(bits[0]).toBe(0b1000_0000);
    expect(bits[1]).toBe(0b0100_0000);
    expect(bits[5]).toBe(0b0010_0000);
    expect(bits[16_383]).toBe(0b0000_0001);
    expect(bits.reduce((n, b) => n + (b.toString(2).match(/1/g)?.length ?? 0), 0)).toBe(4);
  });

  it('grows past the minimum for a larger list, and refuses an index outside it', async () => {
    const issuer = await generateIssuerKey();
    const big = await signStatusList({ url: LIST_URL, issuer: { did: issuer.did, name: 'x' }, revoked: [200_000], length: 200_001, now: NOW }, issuer);
    expect(gunzipSync(base64urlnopad.decode(payloadOf(big).credentialSubject.encodedList!.slice(1))).length).toBe(25_001);
    await expect(signStatusList({ url: LIST_URL, issuer: { did: issuer.did, name: 'x' }, revoked: [131_072], length: 10, now: NOW }, issuer)).rejects.toThrow(/outside the list \(0 to 131071\)/);
    await expect(signStatusList({ url: LIST_URL, issuer: { did: issuer.did, name: 'x' }, revoked: [-1], length: 10, now: NOW }, issuer)).rejects.toThrow(/outside the list/);
  });

  it('revokes exactly the listed index: neighbours stay valid', async () => {
    const { issuer, jws } = await world();
    expect(readCredential(jws).credential.credentialStatus?.statusListIndex).toBe('42');
    for (const [revoked, ok] of [[[41, 43], true], [[42], false], [[], true]] as const) {
      const list = await statusList(issuer, [...revoked]);
      const v = await verifyCredential(jws, { trusted: [{ did: issuer.did, state: 'current' }], now: NOW, statusList: async () => list });
      expect(v.checks.find((c) => c.id === 'revocation')?.ok, `revoked ${revoked.join(',')}`).toBe(ok);
    }
  });

  it('does not take a list from another URL, or one that was changed after signing', async () => {
    const { issuer, jws } = await world();
    const elsewhere = await statusList(issuer, [], `${LIST_URL}-old`);
    const trusted = [{ did: issuer.did, state: 'current' as const }];
    const moved = await verifyCredential(jws, { trusted, now: NOW, statusList: async () => elsewhere });
    expect(moved.checks.find((c) => c.id === 'revocation')).toMatchObject({ ok: null, detail: expect.stringMatching(/the list says it is .*-old/) });
    const revokedList = await statusList(issuer, [42]);
    const [h, , s] = revokedList.split('.');
    const cleared = base64urlnopad.encode(new TextEncoder().encode(JSON.stringify({ ...payloadOf(revokedList), credentialSubject: payloadOf(await statusList(issuer, [])).credentialSubject })));
    const forged = await verifyCredential(jws, { trusted, now: NOW, statusList: async () => `${h}.${cleared}.${s}` });
    expect(forged.checks.find((c) => c.id === 'revocation')).toMatchObject({ ok: null, detail: expect.stringMatching(/signature of the list does not match/) });
  });
});
