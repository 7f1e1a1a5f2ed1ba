// The hub's side of Open Badges 3.0 (issue 12), as one object the hub holds: its issuer keys, the
// claim QRs hosts open for a session, the account-free claim a phone makes, revocation and the status
// lists, the public issuer document and achievements, and the learning items written into site.json.
// Rules that need the published programme (does this session exist, does this activity award this
// badge, whose activity is it) are checked here against the offer; the SQL lives in keys.ts and claims.ts.
import { buildCredential, signStatusList, VC2_CONTEXT, OB3_CONTEXT, type IssuerDocument } from '../../src-renderer/core/badges';
import type {
  BadgeClaimInfo,
  BadgeClaimResponse,
  BadgeClaimsResponse,
  CloseBadgeClaimRequest,
  IssuedBadgesResponse,
  IssuerKeysResponse,
  LearningItemResponse,
  OpenBadgeClaimRequest,
  RemoveLearningItemRequest,
  RevokeBadgeRequest,
  RevokeBadgeResponse,
  RotateIssuerKeyRequest,
  SaveLearningItemRequest,
  WithdrawIssuerKeyRequest,
} from '../../src-renderer/core/hub/contract';
import type { Locale, SiteConfig } from '../../src-renderer/core/model';
import type { StoreContext } from '../db/context';
import { offerSessions, type Offer } from '../offer/offer';
import { forbidden } from '../auth/refusal';
import { achievementUrl, claimBadge, imageOf, claimById, claimInfo, closeClaim, issuedById, listClaims, listIssued, openClaim, pruneClaimHolders, revokeBadge, revokedEntries, statusListUrl, STATUS_LIST_LENGTH } from './claims';
import { currentKey, ensureIssuerKey, listKeys, rotateIssuerKey, trustedKeys, withdrawIssuerKey } from './keys';
import { removeLearningItem, saveLearningItem } from './learning';
import { BadgeRefused } from './refusal';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A host awards at or after a session: from an hour before it starts until two days after it ended. */
const AWARD_BEFORE_MS = HOUR_MS;
const AWARD_AFTER_MS = 2 * DAY_MS;

/** Who is asking, for what an organisation account may see and do: its own organisation's activities. */
export type BadgeScope = { organisation: string } | undefined;

export interface BadgesOptions {
  ctx: StoreContext;
  /** The published programme: config activities and the store's, with their sessions. */
  offer(): Promise<Offer>;
  siteDir: string;
  /** Loads the site folder again now (after a learning item was written into it). */
  reloadSite(): Promise<void>;
}

export class Badges {
  readonly #options: BadgesOptions;

  constructor(options: BadgesOptions) {
    this.#options = options;
  }

  get #ctx(): StoreContext {
    return this.#options.ctx;
  }

  get #config(): SiteConfig {
    return this.#ctx.model().config;
  }

  /** On every start: the first start makes the site's issuer key. */
  async start(): Promise<void> {
    // A hub without a key still books and serves; the badge routes answer 503 until it has one.
    try {
      const { made } = await ensureIssuerKey(this.#ctx.sql, this.#ctx.now());
      if (made) this.#ctx.log?.('info', `Badges: made the site's issuer key ${made}.`);
    } catch (error) {
      this.#ctx.log?.('error', `Badges: the issuer key could not be made: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  prune(): Promise<void> {
    return pruneClaimHolders(this.#ctx.sql, this.#ctx.now());
  }

  // ---- staff

  async claims(scope: BadgeScope): Promise<BadgeClaimsResponse> {
    const visible = await this.#visible(scope);
    return { claims: await listClaims(this.#ctx.sql, this.#ctx.now(), this.#config.site.followUpBaseUrl, visible) };
  }

  async openClaim(request: OpenBadgeClaimRequest, scope: BadgeScope): Promise<BadgeClaimResponse> {
    const config = this.#config;
    const offer = await this.#options.offer();
    const now = this.#ctx.now();
    const achievement = config.achievements.find((item) => item.id === request.achievementId);
    if (!achievement) throw new BadgeRefused(409, 'rules', `The site defines no badge "${request.achievementId}"; define it under achievements first.`);
    const activity = offer.activities.get(request.activityId);
    if (!activity) throw new BadgeRefused(409, 'rules', `The site has no activity "${request.activityId}".`);
    this.#checkScope(activity.organiser, scope);
    if (!(activity.badges ?? []).includes(achievement.id) && achievement.organisation !== activity.organiser) {
      throw new BadgeRefused(409, 'rules', `"${text(achievement.name, config)}" is not awarded at "${text(activity.title, config)}": the activity does not name this badge, and the badge belongs to another organisation.`);
    }
    const session = offerSessions(offer, request.sessionStart, request.sessionStart + 1, (candidate) => candidate.id === activity.id).find((item) => item.start === request.sessionStart);
    if (!session) throw new BadgeRefused(409, 'rules', `"${text(activity.title, config)}" has no session starting at ${new Date(request.sessionStart).toISOString()}; pick one of its sessions.`);
    if (session.start > now + AWARD_BEFORE_MS) throw new BadgeRefused(409, 'rules', 'This session starts more than an hour from now; open the claim QR at or after the session.');
    if (session.end < now - AWARD_AFTER_MS) throw new BadgeRefused(409, 'rules', 'This session ended more than two days ago; badges are awarded at or shortly after a session.');
    const { claimMinutes, maxClaims } = config.badges;
    return openClaim(this.#ctx, request, { minutes: request.minutes ?? claimMinutes, maxClaims: request.maxClaims ?? maxClaims, followUpBaseUrl: config.site.followUpBaseUrl });
  }

  async closeClaim(id: string, request: CloseBadgeClaimRequest, scope: BadgeScope): Promise<BadgeClaimResponse> {
    await this.#checkOwned(await claimById(this.#ctx.sql, id), scope);
    return closeClaim(this.#ctx, id, request, this.#config.site.followUpBaseUrl);
  }

  async issued(filter: { claimId?: string; activityId?: string }, scope: BadgeScope): Promise<IssuedBadgesResponse> {
    return { badges: await listIssued(this.#ctx.sql, filter, await this.#visible(scope)) };
  }

  async revoke(id: string, request: RevokeBadgeRequest, scope: BadgeScope): Promise<RevokeBadgeResponse> {
    await this.#checkOwned(await issuedById(this.#ctx.sql, id), scope);
    return revokeBadge(this.#ctx, id, request);
  }

  async keys(): Promise<IssuerKeysResponse> {
    return { keys: await listKeys(this.#ctx.sql) };
  }

  rotateKey(request: RotateIssuerKeyRequest): Promise<IssuerKeysResponse> {
    return rotateIssuerKey(this.#ctx, request);
  }

  withdrawKey(did: string, request: WithdrawIssuerKeyRequest): Promise<IssuerKeysResponse> {
    return withdrawIssuerKey(this.#ctx, did, request);
  }

  async saveLearningItem(request: SaveLearningItemRequest): Promise<LearningItemResponse> {
    const answer = await saveLearningItem(this.#ctx, this.#options.siteDir, request);
    if (answer.ok) await this.#options.reloadSite();
    return answer;
  }

  async removeLearningItem(request: RemoveLearningItemRequest): Promise<LearningItemResponse> {
    const answer = await removeLearningItem(this.#ctx, this.#options.siteDir, request);
    if (answer.ok) await this.#options.reloadSite();
    return answer;
  }

  // ---- public

  async issuer(): Promise<IssuerDocument> {
    const { site } = this.#config;
    return { name: text(site.name, this.#config), url: site.followUpBaseUrl, keys: await trustedKeys(this.#ctx.sql) };
  }

  /** The signed status list `list` (1, 2, …) as a compact JWS, or undefined for a list that does not exist. */
  async statusList(list: number, base: string): Promise<string | undefined> {
    const revoked = await revokedEntries(this.#ctx.sql, list);
    if (!revoked) return undefined;
    const key = await currentKey(this.#ctx.sql);
    const { name } = await this.issuer();
    return signStatusList({ url: statusListUrl(base, list), issuer: { did: key.did, name }, revoked, length: STATUS_LIST_LENGTH, now: this.#ctx.now() }, key);
  }

  /** The OB 3.0 Achievement a credential's achievement id points at, as JSON-LD; undefined when the site has none. */
  async achievement(id: string, base: string, locale: Locale | undefined): Promise<Record<string, unknown> | undefined> {
    const config = this.#config;
    const achievement = config.achievements.find((item) => item.id === id);
    if (!achievement) return undefined;
    // Built by the same code as the credentials, so the page and the badges say the same.
    const key = await currentKey(this.#ctx.sql);
    const credential = buildCredential({
      id: `urn:uuid:00000000-0000-4000-8000-000000000000`,
      issuer: { did: key.did, name: text(config.site.name, config), url: config.site.followUpBaseUrl },
      achievement,
      achievementUrl: achievementUrl(base, achievement.id),
      ...imageOf(achievement, base),
      locale: locale ?? config.site.defaultLocale,
      defaultLocale: config.site.defaultLocale,
      subjectDid: key.did,
      validFrom: this.#ctx.now(),
    });
    return { '@context': [VC2_CONTEXT, OB3_CONTEXT], ...credential.credentialSubject.achievement };
  }

  /** The image file (in the site folder) of an achievement, if it has one. */
  achievementImage(id: string): string | undefined {
    return this.#config.achievements.find((item) => item.id === id)?.image;
  }

  async claimInfo(token: string): Promise<BadgeClaimInfo | undefined> {
    return claimInfo(this.#ctx.sql, token, this.#ctx.now());
  }

  /** Issues the badge of claim `token` to `holderDid` (whose proof the HTTP layer checked). */
  async claim(token: string, holderDid: string, base: string, locale: Locale | undefined): Promise<{ credential: string }> {
    const config = this.#config;
    const achievements = new Map(config.achievements.map((item) => [item.id, item]));
    const { credential } = await claimBadge(this.#ctx, token, holderDid, {
      achievement: (id) => achievements.get(id),
      issuer: { name: text(config.site.name, config), url: config.site.followUpBaseUrl },
      base,
      locale: locale ?? config.site.defaultLocale,
      defaultLocale: config.site.defaultLocale,
    });
    return { credential };
  }

  /** The locales the site speaks, for choosing a credential's language. */
  locales(): readonly Locale[] {
    return this.#config.site.locales;
  }

  // ---- organisation accounts: their own organisation's activities only

  #checkScope(organiser: string, scope: BadgeScope): void {
    if (scope && scope.organisation !== organiser) {
      throw forbidden('This activity belongs to another organisation; your account awards badges only for its own activities.');
    }
  }

  async #checkOwned(found: { activityId: string } | undefined, scope: BadgeScope): Promise<void> {
    if (!found || !scope) return;
    const visible = await this.#visible(scope);
    if (!visible(found.activityId)) throw forbidden('This belongs to another organisation\u2019s activity; your account manages only its own badges.');
  }

  async #visible(scope: BadgeScope): Promise<(activityId: string) => boolean> {
    if (!scope) return () => true;
    const offer = await this.#options.offer();
    return (activityId) => offer.activities.get(activityId)?.organiser === scope.organisation;
  }
}

function text(value: Partial<Record<Locale, string>>, config: SiteConfig): string {
  return value[config.site.defaultLocale] ?? Object.values(value).find((item) => item !== undefined) ?? '';
}
