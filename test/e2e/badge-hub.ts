// A stand-in hub for the follow-up page's badge tests (issue 12): it serves the published follow-up
// page at /follow/ (as the hub does) and answers the public badge routes (core/hub/routes.ts:
// /badges/issuer.json, /badges/status/:list, /badges/claim/:token, POST /badges/claim) with
// credentials made by core/badges, the same code the real hub signs with.
//
// The spec talks to it only through `BadgeHub`, so it can be switched to the real hub (src-hub, with
// a host opening claims through the staff API) without changing the spec: implement `BadgeHub`
// there and hand it to the same tests.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { buildCredential, generateIssuerKey, signCredential, signStatusList, verifyClaimProof, type IssuerKeyPair } from '../../src-renderer/core/badges';
import type { Catalogue } from '../../src-renderer/core/catalogue';
import type { BadgeClaimInfo } from '../../src-renderer/core/hub/contract';
import type { Achievement } from '../../src-renderer/core/model';
import { contentTypeFor } from '../../src-hub/site/mime';

export interface OpenedClaim {
  token: string;
  /** `<hub>/follow/#claim=<token>`: what the host's QR holds. */
  url: string;
  achievementId: string;
  activityId: string;
}

export interface BadgeHub {
  /** The hub's origin, with a trailing slash. */
  origin: string;
  /** The follow-up page on this hub. */
  followUrl: string;
  /** A host opens a claim for a session of an activity that leads to the achievement. */
  openClaim(options?: { state?: BadgeClaimInfo['state']; achievementId?: string; activityId?: string }): Promise<OpenedClaim>;
  /** The issuer's name in the credentials. */
  issuerName: string;
  close(): Promise<void>;
}

interface Claim {
  info: BadgeClaimInfo;
  maxClaims: number;
  claims: number;
}

const STATUS_LIST_LENGTH = 1000;

/** Starts a fake hub serving `followDir` (a published follow-up folder) whose clock stands at `now`. */
export async function startFakeBadgeHub(options: { followDir: string; catalogue: Catalogue; achievements: readonly Achievement[]; now: number }): Promise<BadgeHub> {
  const issuer: IssuerKeyPair = await generateIssuerKey();
  const issuerName = 'Regina Mundi-site';
  const claims = new Map<string, Claim>();
  let nextIndex = 1;
  const base = resolve(options.followDir);
  let origin = '';

  const send = (response: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8'): void => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(text);
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    if (request.method === 'GET' && path === '/badges/issuer.json') return send(response, 200, { name: issuerName, url: origin, keys: [{ did: issuer.did, state: 'current' }] });
    if (request.method === 'GET' && path === '/badges/status/1') {
      const list = await signStatusList({ url: `${origin}badges/status/1`, issuer: { did: issuer.did, name: issuerName }, revoked: [], length: STATUS_LIST_LENGTH, now: options.now }, issuer);
      return send(response, 200, list, 'application/vc+jwt');
    }
    const claimInfo = /^\/badges\/claim\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && claimInfo) {
      const claim = claims.get(claimInfo[1] ?? '');
      return claim ? send(response, 200, claim.info) : send(response, 404, { error: 'not-found', message: 'No claim has this code.' });
    }
    if (request.method === 'POST' && path === '/badges/claim') {
      let body: { token?: unknown; proof?: unknown };
      try {
        body = JSON.parse(await readBody(request)) as typeof body;
      } catch {
        return send(response, 400, { error: 'bad-request', message: 'The body is not JSON.' });
      }
      const claim = typeof body.token === 'string' ? claims.get(body.token) : undefined;
      if (!claim || typeof body.proof !== 'string' || typeof body.token !== 'string') return send(response, 404, { error: 'not-found', message: 'No claim has this code.' });
      if (claim.info.state !== 'open') return send(response, 409, { error: `claim-${claim.info.state}`, message: `The claim is ${claim.info.state}.` });
      let holderDid: string;
      try {
        holderDid = await verifyClaimProof(body.proof, body.token, options.now);
      } catch (error) {
        return send(response, 400, { error: 'bad-request', message: error instanceof Error ? error.message : 'The proof does not verify.' });
      }
      const achievement = options.achievements.find((candidate) => candidate.id === claim.info.achievementId);
      if (!achievement) return send(response, 404, { error: 'not-found', message: 'No such achievement.' });
      const credential = buildCredential({
        id: `urn:uuid:${randomUUID()}`,
        issuer: { did: issuer.did, name: issuerName, url: origin },
        achievement,
        achievementUrl: `${origin}badges/achievements/${achievement.id}`,
        locale: 'nl',
        defaultLocale: 'nl',
        subjectDid: holderDid,
        validFrom: options.now,
        ...(achievement.validDays ? { validUntil: options.now + achievement.validDays * 86_400_000 } : {}),
        status: { listUrl: `${origin}badges/status/1`, index: nextIndex++ },
      });
      claim.claims++;
      if (claim.claims >= claim.maxClaims) claim.info = { ...claim.info, state: 'full' };
      return send(response, 200, { credential: await signCredential(credential, issuer) });
    }
    if (request.method === 'GET' && (path === '/follow' || path.startsWith('/follow/'))) {
      const relative = path === '/follow' ? '' : path.slice('/follow/'.length);
      const file = normalize(join(base, relative === '' ? 'index.html' : relative));
      if (file.startsWith(base + sep) && (await stat(file).catch(() => undefined))?.isFile()) {
        const body = await readFile(file);
        response.writeHead(200, { 'Content-Type': contentTypeFor(extname(file)), 'Cache-Control': 'no-cache' }).end(body);
        return;
      }
    }
    send(response, 404, { error: 'not-found', message: `The hub has no ${path}.` });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: 'internal', message: String(error) });
      else response.end();
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    origin,
    followUrl: `${origin}follow/`,
    issuerName,
    async openClaim({ state = 'open', achievementId, activityId } = {}) {
      const activity = options.catalogue.activities.find((candidate) => (activityId ? candidate.id === activityId : candidate.badges.length > 0));
      if (!activity) throw new Error('The sample catalogue has no activity that leads to a badge.');
      const chosen = achievementId ?? activity.badges[0] ?? '';
      const token = randomBytes(24).toString('base64url');
      claims.set(token, {
        info: { state, achievementId: chosen, activityId: activity.id, sessionStart: options.now - 3_600_000, expiresAt: state === 'expired' ? options.now - 60_000 : options.now + 30 * 60_000 },
        maxClaims: 30,
        claims: 0,
      });
      return { token, url: `${origin}follow/#claim=${token}`, achievementId: chosen, activityId: activity.id };
    },
    close: () => new Promise<void>((resolveClose) => server.close(() => resolveClose())),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 64_000) reject(new Error('too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
