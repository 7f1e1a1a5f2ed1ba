// The pure logic of the badge pages (issue 12): a hub's refusal in the visitor's terms, what a pasted
// or uploaded credential is, the downloaded file, and each verification check's wording.
import { describe, expect, it } from 'vitest';
import { verifyCredential } from '../../../src-renderer/core/badges';
import { achievementImageUrl, canRetry, checkOutcome, checkResultKey, CLAIM_PROBLEM_KEYS, credentialFile, credentialFileName, credentialImageUrl, problemOfResponse, problemOfState, readPastedCredential } from '../../../src-renderer/follow/badge-view';
import { LEARNING_MESSAGES } from '../../../src-renderer/follow/learning-i18n';
import { NOW, world } from '../badges/fixture';

describe('claim problems', () => {
  it('reads the claim state: only an open claim can be taken', () => {
    expect(problemOfState('open')).toBeUndefined();
    expect(problemOfState('expired')).toBe('expired');
    expect(problemOfState('closed')).toBe('closed');
    expect(problemOfState('full')).toBe('full');
    expect(problemOfState('something-new')).toBe('hub');
  });

  it('maps the hub error code first, then the status', () => {
    // The hub's own answer for a badge rule: the reason says which.
    expect(['expired', 'closed', 'full', 'proof', 'rules'].map((reason) => problemOfResponse(409, { error: 'badge-refused', reason, message: '' }))).toEqual(['expired', 'closed', 'full', 'refused', 'refused']);
    expect(problemOfResponse(409, { error: 'claim-expired', message: '' })).toBe('expired');
    expect(problemOfResponse(409, { error: 'claim-closed', message: '' })).toBe('closed');
    expect(problemOfResponse(409, { error: 'claim-full', message: '' })).toBe('full');
    expect(problemOfResponse(404, { error: 'not-found', message: '' })).toBe('unknown');
    expect(problemOfResponse(404, undefined)).toBe('unknown');
    expect(problemOfResponse(400, { error: 'bad-request', message: 'the proof does not verify' })).toBe('refused');
    expect(problemOfResponse(403, { error: 'forbidden', message: '' })).toBe('refused');
    expect(problemOfResponse(429, { error: 'rate-limited', message: '' })).toBe('busy');
    expect(problemOfResponse(503, { error: 'unavailable', message: '' })).toBe('hub');
    expect(problemOfResponse(501, { error: 'not-yet', message: '' })).toBe('hub');
  });

  it('has words for every problem, and offers "try again" only where trying again can help', () => {
    for (const [problem, keys] of Object.entries(CLAIM_PROBLEM_KEYS)) {
      expect(LEARNING_MESSAGES.nl[keys.title], problem).toBeTruthy();
      expect(LEARNING_MESSAGES.tr[keys.body], problem).toBeTruthy();
    }
    expect(canRetry('offline')).toBe(true);
    expect(canRetry('expired')).toBe(false);
    expect(canRetry('refused')).toBe(false);
  });
});

describe('a pasted or uploaded credential', () => {
  const jws = 'eyJhbGciOiJFZERTQSJ9.eyJpZCI6InVybjp1dWlkOngifQ.c2lnbmF0dXJl';

  it('accepts the compact JWS, with line breaks and quotes from copying', () => {
    expect(readPastedCredential(jws)).toEqual({ ok: true, jws });
    expect(readPastedCredential(`  "${jws.slice(0, 20)}\n${jws.slice(20)}"  `)).toEqual({ ok: true, jws });
  });

  it('accepts the downloaded file and the hub claim answer', () => {
    expect(readPastedCredential(credentialFile({ id: 'urn:uuid:x' }, jws))).toEqual({ ok: true, jws });
    expect(readPastedCredential(JSON.stringify({ credential: jws }))).toEqual({ ok: true, jws });
  });

  it('refuses what proves nothing: a credential JSON without its JWS, text, nothing, a huge paste', () => {
    expect(readPastedCredential(JSON.stringify({ credential: { id: 'urn:uuid:x', type: ['OpenBadgeCredential'] } }))).toEqual({ ok: false, reason: 'not-a-credential' });
    expect(readPastedCredential('{ broken')).toEqual({ ok: false, reason: 'not-a-credential' });
    expect(readPastedCredential('hello world')).toEqual({ ok: false, reason: 'not-a-credential' });
    expect(readPastedCredential('a.b.')).toEqual({ ok: false, reason: 'not-a-credential' });
    expect(readPastedCredential('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(readPastedCredential('x'.repeat(100_001))).toEqual({ ok: false, reason: 'too-long' });
  });
});

describe('the downloaded file', () => {
  it('holds the decoded credential and the JWS, and is named after the achievement', () => {
    const file = JSON.parse(credentialFile({ id: 'urn:uuid:x', name: 'Coder' }, 'a.b.c')) as Record<string, unknown>;
    expect(file).toEqual({ credential: { id: 'urn:uuid:x', name: 'Coder' }, jws: 'a.b.c', mediaType: 'application/vc+jwt' });
    expect(credentialFileName('Ensemble beginner')).toBe('badge-ensemble-beginner.json');
    expect(credentialFileName('Réparateur')).toBe('badge-reparateur.json');
    expect(credentialFileName('Çırak ağaç')).toBe('badge-c-rak-agac.json');
    expect(credentialFileName('///')).toBe('badge-credential.json');
  });
});

describe('verification words', () => {
  it('says "not checked offline" for revocation only when the status list was out of reach', async () => {
    const { issuer, jws } = await world();
    const offline = await verifyCredential(jws, { trusted: [{ did: issuer.did, state: 'current' }], now: NOW, statusList: () => Promise.resolve(null) });
    const revocation = offline.checks.find((check) => check.id === 'revocation')!;
    expect(checkOutcome(revocation, false)).toBe('offline');
    expect(checkResultKey('revocation', checkOutcome(revocation, false))).toBe('check.offline');
    expect(LEARNING_MESSAGES.en[checkResultKey('revocation', 'offline')]).toBe('not checked offline');
    const signature = offline.checks.find((check) => check.id === 'signature')!;
    expect(checkOutcome(signature, false)).toBe('ok');
    expect(LEARNING_MESSAGES.nl[checkResultKey('signature', 'failed')]).toMatch(/vervalst/);
  });

  it('says the issuer is not trusted when the phone knows no key of the site', async () => {
    const { jws } = await world();
    const result = await verifyCredential(jws, { trusted: [], now: NOW });
    expect(result.valid).toBe(false);
    const issuer = result.checks.find((check) => check.id === 'issuer')!;
    expect(checkResultKey('issuer', checkOutcome(issuer, true))).toBe('check.issuer.failed');
  });
});

describe('images', () => {
  it('serves a catalogue image from the hub site folder, and only web addresses from a credential', () => {
    expect(achievementImageUrl('coder.svg', 'https://hub.example.org/follow/')).toBe('https://hub.example.org/site/coder.svg');
    expect(achievementImageUrl('../secret.svg', 'https://hub.example.org/follow/')).toBeUndefined();
    expect(credentialImageUrl({ id: 'https://hub.example.org/badges/achievements/coder.svg', type: 'Image' })).toBe('https://hub.example.org/badges/achievements/coder.svg');
    expect(credentialImageUrl({ id: 'javascript:alert(1)' })).toBeUndefined();
    expect(credentialImageUrl('data:image/svg+xml,<svg/>')).toBeUndefined();
  });
});
