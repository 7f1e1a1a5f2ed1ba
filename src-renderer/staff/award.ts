// "Award badges" for a session, kept pure: which achievements a host may pick (the activity's own
// first, then the rest of its organisation's), whether this person may award for the session at all,
// and a claim QR's state and time left in words a host reads from across the room.
import type { BadgeClaimStatus } from '../core/hub/contract';
import type { Achievement, Activity } from '../core/model';
import type { Who } from './who';

export interface AwardChoices {
  /** The achievements the activity names in `badges`, in its order. */
  forActivity: Achievement[];
  /** The other achievements its organisation awards, by id. */
  forOrganisation: Achievement[];
}

export function awardChoices(activity: Pick<Activity, 'badges' | 'organiser'>, achievements: readonly Achievement[]): AwardChoices {
  const byId = new Map(achievements.map((achievement) => [achievement.id, achievement]));
  const forActivity = activity.badges.flatMap((id) => byId.get(id) ?? []);
  const named = new Set(forActivity.map((achievement) => achievement.id));
  const forOrganisation = achievements.filter((achievement) => achievement.organisation === activity.organiser && !named.has(achievement.id)).sort((a, b) => a.id.localeCompare(b.id));
  return { forActivity, forOrganisation };
}

/** Coordinators award for any session; an organisation account only for its own organisation's (the hub enforces it too). */
export function mayAward(who: Pick<Who, 'role' | 'organisationId'>, activity: Pick<Activity, 'organiser'>): boolean {
  return who.role === 'coordinator' || (who.organisationId !== undefined && who.organisationId === activity.organiser);
}

export type ClaimState = BadgeClaimStatus['state'];

/** The claim's state now: the hub's last answer may be a few seconds old, and the clock runs on. */
export function claimStateAt(claim: Pick<BadgeClaimStatus, 'state' | 'expiresAt' | 'claims' | 'maxClaims'>, now: number): ClaimState {
  if (claim.state !== 'open') return claim.state;
  if (claim.claims >= claim.maxClaims) return 'full';
  if (now >= claim.expiresAt) return 'expired';
  return 'open';
}

/** Time left as a clock reads it: "29:05", or "1:02:03" past an hour; "0:00" once it is over. */
export function timeLeft(expiresAt: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** The claim a host last opened for this session and achievement that is still open, if any (to pick up after a reload). */
export function openClaimFor(claims: readonly BadgeClaimStatus[], session: { activityId: string; sessionStart: number }, now: number): BadgeClaimStatus | undefined {
  return claims
    .filter((claim) => claim.activityId === session.activityId && claim.sessionStart === session.sessionStart && claimStateAt(claim, now) === 'open')
    .sort((a, b) => b.openedAt - a.openedAt)[0];
}
