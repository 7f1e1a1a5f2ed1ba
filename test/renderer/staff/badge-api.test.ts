import { describe, expect, it } from 'vitest';
import type { BadgeClaimStatus } from '../../../src-renderer/core/hub/contract';
import { HubError, HubUnavailable, type KioskStore } from '../../../src-renderer/db/store';
import { BadgeApi } from '../../../src-renderer/staff/badge-api';

/** A store whose hub answers every write with `answer` (or throws it). */
function apiAnswering(answer: unknown): BadgeApi {
  const hub = {
    write: async () => {
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return new BadgeApi({ hub } as unknown as Pick<KioskStore, 'hub'>);
}

const claim = { id: 'c1', url: 'https://follow.example.org/#claim=x', state: 'open' } as BadgeClaimStatus;
const by = { staff: 'Carla' };

describe('BadgeApi', () => {
  it('reads an opened claim whether the hub answers it bare or as { claim }', async () => {
    const body = { achievementId: 'a', activityId: 'b', sessionStart: 1, by };
    expect(await apiAnswering(claim).openClaim(body)).toEqual(claim);
    expect(await apiAnswering({ claim }).openClaim(body)).toEqual(claim);
  });

  it('turns a refused learning item into an answer with the config\'s problems', async () => {
    const refusal = new HubError(422, 'config-refused', 'refused', [{ path: 'mentors[3].organisation', message: 'does not exist' }]);
    expect(await apiAnswering(refusal).saveLearningItem({ kind: 'mentor', item: {}, by })).toEqual({
      ok: false,
      errors: [{ file: 'site.json', path: 'mentors[3].organisation', message: 'does not exist' }],
    });
    expect(await apiAnswering({ ok: false, errors: [{ file: 'site.json', path: '', message: 'x' }] }).removeLearningItem({ kind: 'mentor', id: 'sofie', by })).toEqual({
      ok: false,
      errors: [{ file: 'site.json', path: '', message: 'x' }],
    });
  });

  it('lets failures that are not refusals through: an unreachable hub, a forbidden account', async () => {
    await expect(apiAnswering(new HubUnavailable()).saveLearningItem({ kind: 'mentor', item: {}, by })).rejects.toBeInstanceOf(HubUnavailable);
    await expect(apiAnswering(new HubError(403, 'forbidden', 'no')).saveLearningItem({ kind: 'mentor', item: {}, by })).rejects.toMatchObject({ status: 403 });
  });
});
