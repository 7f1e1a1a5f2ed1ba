// The real hub (src-hub on PGlite) behind follow-badges.spec.ts's `BadgeHub`: the same phone tests as
// against the stand-in (badge-hub.ts), with a host opening claims through the staff API. The hub's
// clock stands at the phone's moment (PHONE_NOW); the session a claim is for is the maker club of the
// afternoon before. An expired, used-up or closed claim is made as it happens at a site: opened a
// while ago for a minute, claimed by another phone, closed by the host.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateHolderKey, signClaimProof } from '../../src-renderer/core/badges';
import type { BadgeClaimResponse } from '../../src-renderer/core/hub/contract';
import { E2E_ACCOUNTS, startTemplateHub } from '../support/hub-template';
import type { BadgeHub } from './badge-hub';
import { signIn, testKey } from './kiosk-auth';

const ROOT = resolve(import.meta.dirname, '../..');

/** The maker club (Wednesdays 14:00–17:00 in Genk) awards maker-starter. */
const ACTIVITY = 'maker-club';
const ACHIEVEMENT = 'maker-starter';

/** Starts the real hub on a copy of the sample site, its clock standing at `now`. */
export async function startRealBadgeHub(options: { now: number }): Promise<BadgeHub> {
  const work = await mkdtemp(join(tmpdir(), 'wegwijzer-badge-hub-'));
  const siteDir = join(work, 'site');
  await cp(join(ROOT, 'kiosk-config/regina-mundi'), siteDir, { recursive: true });
  let clock = options.now;
  const hub = await startTemplateHub({ siteDir, rendererDir: join(ROOT, 'out/renderer'), followDir: join(ROOT, 'out/follow'), port: 0, now: () => clock, log: { info: () => undefined, warn: () => undefined, error: () => undefined } });
  const origin = hub.url.endsWith('/') ? hub.url : `${hub.url}/`;
  const followUrl = `${origin}follow/`;
  const desk = await signIn(origin, E2E_ACCOUNTS.coordinator);
  // The maker club's session on the Wednesday before `now` (14:00 in Brussels, winter time: PHONE_NOW is a
  // Thursday before the change to summer time; the hub opens claims up to two days after a session).
  const day = new Date(options.now);
  const wednesday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - ((day.getUTCDay() + 4) % 7 || 7)));
  const sessionStart = Date.parse(`${wednesday.toISOString().slice(0, 10)}T14:00:00+01:00`);
  const issuerName = ((await (await fetch(`${origin}badges/issuer.json`)).json()) as { name: string }).name;

  const open = async (extra: { minutes?: number; maxClaims?: number } = {}) =>
    (await desk.post<BadgeClaimResponse>('/api/badges/claims', { idempotencyKey: testKey(), achievementId: ACHIEVEMENT, activityId: ACTIVITY, sessionStart, ...extra, by: { staff: E2E_ACCOUNTS.coordinator.displayName } })).claim;

  return {
    origin,
    followUrl,
    issuerName,
    async openClaim({ state = 'open', achievementId, activityId } = {}) {
      if ((achievementId && achievementId !== ACHIEVEMENT) || (activityId && activityId !== ACTIVITY)) throw new Error(`The real hub's BadgeHub opens claims for ${ACTIVITY} → ${ACHIEVEMENT} only.`);
      let claim: BadgeClaimResponse['claim'];
      if (state === 'expired') {
        // Opened two minutes ago for one minute.
        clock -= 2 * 60_000;
        try {
          claim = await open({ minutes: 1 });
        } finally {
          clock += 2 * 60_000;
        }
      } else if (state === 'full') {
        // A QR for one phone, which another phone has used.
        claim = await open({ maxClaims: 1 });
        const holder = await generateHolderKey();
        const answer = await fetch(`${origin}badges/claim`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: claim.token, proof: await signClaimProof(claim.token, holder, clock) }) });
        if (!answer.ok) throw new Error(`The other phone's claim: HTTP ${answer.status} ${await answer.text()}`);
      } else {
        claim = await open();
        if (state === 'closed') await desk.post(`/api/badges/claims/${claim.id}/close`, { idempotencyKey: testKey(), by: { staff: E2E_ACCOUNTS.coordinator.displayName } });
      }
      // The QR holds <followUpBaseUrl>#claim=<token>; this hub serves the follow-up page itself.
      return { token: claim.token, url: `${followUrl}#claim=${claim.token}`, achievementId: claim.achievementId, activityId: claim.activityId };
    },
    async close() {
      await desk.dispose();
      await hub.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
