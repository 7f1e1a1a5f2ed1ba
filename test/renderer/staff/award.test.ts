import { describe, expect, it } from 'vitest';
import type { BadgeClaimStatus } from '../../../src-renderer/core/hub/contract';
import type { Achievement } from '../../../src-renderer/core/model';
import { awardChoices, claimStateAt, mayAward, openClaimFor, timeLeft } from '../../../src-renderer/staff/award';

const achievement = (id: string, organisation: string): Achievement => ({ id, name: { nl: id }, description: { nl: id }, criteria: { nl: id }, organisation, alignment: [] });
const claim = (overrides: Partial<BadgeClaimStatus>): BadgeClaimStatus => ({
  id: 'c1',
  token: 'tok',
  url: 'https://follow.example.org/#claim=tok',
  achievementId: 'repair-basics',
  activityId: 'repair-cafe',
  sessionStart: 1000,
  openedBy: 'Carla',
  openedAt: 0,
  expiresAt: 60_000,
  maxClaims: 3,
  claims: 0,
  state: 'open',
  ...overrides,
});

describe('award badges: which achievements a host may pick', () => {
  const all = [achievement('zebra', 'repair'), achievement('fixer', 'repair'), achievement('chef', 'kitchen'), achievement('alpha', 'repair')];

  it('lists the activity\'s own badges first, in its order, then the rest of its organisation\'s by id', () => {
    const choices = awardChoices({ badges: ['zebra', 'chef', 'missing'], organiser: 'repair' }, all);
    expect(choices.forActivity.map((a) => a.id)).toEqual(['zebra', 'chef']);
    expect(choices.forOrganisation.map((a) => a.id)).toEqual(['alpha', 'fixer']);
  });

  it('offers nothing for an activity without badges whose organisation awards none', () => {
    expect(awardChoices({ badges: [], organiser: 'choir' }, all)).toEqual({ forActivity: [], forOrganisation: [] });
  });

  it('lets coordinators award for any session and organisation accounts only for their own', () => {
    expect(mayAward({ role: 'coordinator' }, { organiser: 'repair' })).toBe(true);
    expect(mayAward({ role: 'organisation', organisationId: 'repair' }, { organiser: 'repair' })).toBe(true);
    expect(mayAward({ role: 'organisation', organisationId: 'kitchen' }, { organiser: 'repair' })).toBe(false);
    expect(mayAward({ role: 'organisation' }, { organiser: 'repair' })).toBe(false);
  });
});

describe('award badges: a claim QR\'s state and time left', () => {
  it('counts down as a clock reads it and stops at zero', () => {
    expect(timeLeft(30 * 60_000, 0)).toBe('30:00');
    expect(timeLeft(65_500, 0)).toBe('1:06');
    expect(timeLeft(3_723_000, 0)).toBe('1:02:03');
    expect(timeLeft(1000, 5000)).toBe('0:00');
  });

  it('turns an open claim expired once its time is past, and full once every claim is used', () => {
    expect(claimStateAt(claim({}), 59_999)).toBe('open');
    expect(claimStateAt(claim({}), 60_000)).toBe('expired');
    expect(claimStateAt(claim({ claims: 3 }), 10)).toBe('full');
    expect(claimStateAt(claim({ state: 'closed' }), 10)).toBe('closed');
  });

  it('picks up the newest claim still open for the same session', () => {
    const claims = [
      claim({ id: 'old', openedAt: 1 }),
      claim({ id: 'new', openedAt: 2 }),
      claim({ id: 'closed', openedAt: 3, state: 'closed' }),
      claim({ id: 'other-session', openedAt: 4, sessionStart: 2000 }),
    ];
    expect(openClaimFor(claims, { activityId: 'repair-cafe', sessionStart: 1000 }, 10)?.id).toBe('new');
    expect(openClaimFor(claims, { activityId: 'repair-cafe', sessionStart: 1000 }, 70_000)).toBeUndefined();
  });
});
