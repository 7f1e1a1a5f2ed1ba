// The hub's badge and learning routes (issue 12), for the staff screens: the lobby's staff mode sends
// them with the screen's bearer and lobby session, the desk with its session cookie and CSRF header —
// both through the store's hub client, so this file does not care which. Every write carries an
// idempotency key (HubClient.write).
import type {
  BadgeClaimsResponse,
  BadgeClaimStatus,
  CloseBadgeClaimRequest,
  IssuedBadgesResponse,
  IssuerKeysResponse,
  LearningItemResponse,
  OpenBadgeClaimRequest,
  RemoveLearningItemRequest,
  RevokeBadgeRequest,
  RotateIssuerKeyRequest,
  SaveLearningItemRequest,
  WithdrawIssuerKeyRequest,
} from '../core/hub/contract';
import type { SiteConfig } from '../core/model';
import { HubError, type KioskStore } from '../db/store';

type Body<T> = Omit<T, 'idempotencyKey'>;

export class BadgeApi {
  readonly #store: Pick<KioskStore, 'hub'>;

  constructor(store: Pick<KioskStore, 'hub'>) {
    this.#store = store;
  }

  /** The config the hub serves now (mentors, achievements, playlists, badge settings); undefined when it vouches for none. */
  async siteConfig(signal?: AbortSignal): Promise<SiteConfig | undefined> {
    const answer = await this.#store.hub.siteConfig(undefined, signal);
    return answer && 'config' in answer ? answer.config : undefined;
  }

  claims(signal?: AbortSignal): Promise<BadgeClaimsResponse> {
    return this.#store.hub.request('badgeClaims', signal ? { signal } : {});
  }
  /** The contract leaves the answer's shape open: the claim itself, or `{ claim }`; both are read. */
  async openClaim(body: Body<OpenBadgeClaimRequest>): Promise<BadgeClaimStatus> {
    const answer = await this.#store.hub.write<BadgeClaimStatus | { claim: BadgeClaimStatus }>('openBadgeClaim', body);
    return 'claim' in answer && typeof answer.claim === 'object' ? answer.claim : (answer as BadgeClaimStatus);
  }
  closeClaim(id: string, body: Body<CloseBadgeClaimRequest>): Promise<unknown> {
    return this.#store.hub.write('closeBadgeClaim', body, undefined, { id });
  }
  issued(signal?: AbortSignal): Promise<IssuedBadgesResponse> {
    return this.#store.hub.request('issuedBadges', signal ? { signal } : {});
  }
  revoke(id: string, body: Body<RevokeBadgeRequest>): Promise<unknown> {
    return this.#store.hub.write('revokeBadge', body, undefined, { id });
  }
  keys(signal?: AbortSignal): Promise<IssuerKeysResponse> {
    return this.#store.hub.request('issuerKeys', signal ? { signal } : {});
  }
  rotateKey(body: Body<RotateIssuerKeyRequest>): Promise<unknown> {
    return this.#store.hub.write('rotateIssuerKey', body);
  }
  withdrawKey(did: string, body: Body<WithdrawIssuerKeyRequest>): Promise<unknown> {
    return this.#store.hub.write('withdrawIssuerKey', body, undefined, { id: did });
  }

  /**
   * Saves a mentor, achievement or playlist into site.json. A refusal is an answer, not a failure:
   * `ok: false` with the config's problems, whether the hub says so with 200 or with a 4xx whose
   * body carries them (read back from the error's issues).
   */
  async saveLearningItem(body: Body<SaveLearningItemRequest>): Promise<LearningItemResponse> {
    return refusalAsAnswer(() => this.#store.hub.write<LearningItemResponse>('saveLearningItem', body));
  }
  async removeLearningItem(body: Body<RemoveLearningItemRequest>): Promise<LearningItemResponse> {
    return refusalAsAnswer(() => this.#store.hub.write<LearningItemResponse>('removeLearningItem', body));
  }
}

async function refusalAsAnswer(call: () => Promise<LearningItemResponse>): Promise<LearningItemResponse> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HubError && (error.status === 400 || error.status === 409 || error.status === 422) && error.issues.length > 0) {
      return { ok: false, errors: error.issues.map((issue) => ({ file: 'site.json', path: issue.path, message: issue.message })) };
    }
    throw error;
  }
}
