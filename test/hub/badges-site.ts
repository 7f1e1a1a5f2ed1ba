// What the badge tests share: the test site with a mentor, three achievements and a playlist, the
// hub app around a test hub with a coordinator's desk session, and a phone that claims with its own key.
import type { Hono } from 'hono';
import { generateHolderKey, signClaimProof, verifyCredential, type HolderKey, type IssuerDocument, type Verification } from '../../src-renderer/core/badges';
import type { BadgeClaimStatus } from '../../src-renderer/core/hub/contract';
import { createHubApp, type HubLimits } from '../../src-hub/http/app';
import { at } from '../renderer/core/booking/fixtures';
import { provision, type HubCredentials } from '../support/hub-credentials';
import { key, type TestHub } from './harness';
import { silentLog, type Folders } from './http-fakes';
import type { siteFiles } from './site';

type Json = Record<string, unknown>;

/** The choir's Thursday session (site.ts): 26 March 2026, 18:00–20:00 Brussels time. */
export const SESSION = at('2026-03-26T18:00');
export const DURING_SESSION = at('2026-03-26T18:30');

export const SINGER = {
  id: 'singer',
  name: { nl: 'Zanger', en: 'Singer' },
  description: { nl: 'Zingt mee in een koor.', en: 'Sings in a choir.' },
  criteria: { nl: 'Heeft een repetitie meegezongen.', en: 'Sang through a rehearsal.' },
  level: 'do-together',
  organisation: 'choir-club',
  image: 'singer.svg',
  validDays: 365,
};

/** The site's learning items: the choir awards "singer" (its own organisation's), the library "reader". */
export function badgeSite(files: ReturnType<typeof siteFiles>): void {
  files.site['mentors'] = [{ id: 'ann', firstName: 'Ann', organisation: 'choir-club', helpsWith: { nl: 'Zingen' }, findThem: { nl: 'Donderdagavond in de oefenruimte' } }];
  files.site['achievements'] = [
    SINGER,
    { id: 'band-player', name: { nl: 'Bandlid' }, description: { nl: 'Speelt in een band.' }, criteria: { nl: 'Speelde een repetitie mee.' }, organisation: 'bib' },
    { id: 'reader', name: { nl: 'Lezer' }, description: { nl: 'Leest voor.' }, criteria: { nl: 'Las voor in de bib.' }, organisation: 'bib' },
  ];
  files.site['playlists'] = [
    {
      id: 'sing-and-play',
      title: { nl: 'Van zingen naar spelen' },
      goal: { nl: 'Je speelt in een band.' },
      organisation: 'choir-club',
      mentor: 'ann',
      badge: 'singer',
      steps: [{ level: 'see-do', theme: 'relaxation' }, { activity: 'choir' }, { activity: 'band' }],
    },
  ];
  // The band (choir-club's) names the library's badge; the choir awards its own organisation's.
  const activities = files.activities['activities'] as Json[];
  activities.find((activity) => activity['id'] === 'band')!['badges'] = ['band-player'];
}

export interface Answer {
  status: number;
  body: Json;
  text: string;
  headers: Headers;
}

export interface BadgeSetup extends TestHub {
  app: Hono;
  credentials: HubCredentials;
  send(path: string, init?: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string>; from?: string }): Promise<Answer>;
  /** Opens a claim QR for the choir's session as the coordinator. */
  openClaim(body?: Json): Promise<BadgeClaimStatus>;
  /** A phone's claim: a proof by `holder` over `token` (signed now by the hub's clock). */
  claim(token: string, holder: HolderKey, proofToken?: string): Promise<Answer>;
  issuer(): Promise<IssuerDocument>;
  /** Verifies a credential the way any verifier does: the hub's issuer document and its status lists. */
  verify(jws: string): Promise<Verification>;
}

export async function badgeSetup(opened: TestHub, folders: Folders, limits: Partial<HubLimits> = { claimBurst: 1000, claimPerSecond: 1000 }): Promise<BadgeSetup> {
  const app = createHubApp({ service: () => opened.hub, rendererDir: folders.renderer, siteDir: () => opened.siteDir, log: silentLog(), now: () => opened.clock.now, limits });
  const credentials = await provision(opened.hub, 'Lobby');
  const send: BadgeSetup['send'] = async (path, init = {}) => {
    const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
    const headers: Record<string, string> = { ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers };
    const response = await app.request(`http://hub.test${path}`, { method, headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) }, { incoming: { socket: { remoteAddress: init.from ?? '10.0.0.9' } } });
    const text = await response.text();
    let body: Json = {};
    try {
      body = JSON.parse(text) as Json;
    } catch {
      body = { text };
    }
    return { status: response.status, body, text, headers: response.headers };
  };
  const setup: BadgeSetup = {
    ...opened,
    app,
    credentials,
    send,
    async openClaim(body = {}) {
      const answer = await send('/api/badges/claims', { body: { idempotencyKey: key(), achievementId: 'singer', activityId: 'choir', sessionStart: SESSION, by: { staff: 'x' }, ...body }, headers: credentials.staff });
      if (answer.status !== 200) throw new Error(`opening a claim: ${answer.status} ${answer.text}`);
      return (answer.body as { claim: BadgeClaimStatus }).claim;
    },
    async claim(token, holder, proofToken = token) {
      return send('/badges/claim', { body: { token, proof: await signClaimProof(proofToken, holder, opened.clock.now) } });
    },
    async issuer() {
      return (await send('/badges/issuer.json')).body as unknown as IssuerDocument;
    },
    async verify(jws) {
      const issuer = await setup.issuer();
      return verifyCredential(jws, {
        trusted: issuer.keys,
        now: opened.clock.now,
        statusList: async (url) => {
          const answer = await app.request(url);
          return answer.ok ? answer.text() : null;
        },
      });
    },
  };
  return setup;
}

export const phone = (): Promise<HolderKey> => generateHolderKey();

export function check(verification: Verification, id: Verification['checks'][number]['id']): boolean | null | undefined {
  return verification.checks.find((item) => item.id === id)?.ok;
}
