// Award badges in the lobby's staff mode (issue 12): a coordinator unlocks the screen with name and
// PIN, opens a session on the timeline and shows the claim QR — the same dialog as the desk's, with
// the screen's bearer and the lobby session as credentials. The hub's badge routes are faked here.
import type { Route } from '@playwright/test';
import type { BadgeClaimStatus } from '../../src-renderer/core/hub/contract';
import { E2E_ACCOUNTS } from '../support/hub-template';
import { expect, FIXED_NOW, openExplore, test } from './fixtures';
import { unlockStaff } from './kiosk-auth';

const json = (route: Route, status: number, body: unknown): Promise<void> => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

test('staff unlocked on the lobby screen award a badge for a session of the timeline and close the claim QR', async ({ page, site }) => {
  test.slow();
  const { url } = await site();
  const opened: { body: unknown; lobbySession: string | undefined }[] = [];
  let claims: BadgeClaimStatus[] = [];
  let closed = 0;
  await page.route(/\/api\/badges\//, async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    if (path === '/api/badges/claims' && request.method() === 'GET') return json(route, 200, { claims });
    if (path === '/api/badges/claims' && request.method() === 'POST') {
      const body = request.postDataJSON() as { achievementId: string; activityId: string; sessionStart: number };
      opened.push({ body, lobbySession: request.headers()['x-lobby-session'] });
      const claim: BadgeClaimStatus = {
        id: 'lobby-claim',
        token: 'L0bbyL0bbyL0bbyL0bby',
        url: 'https://wegwijzer.example.org/regina-mundi/#claim=L0bbyL0bbyL0bbyL0bby',
        ...body,
        openedBy: 'Carla',
        openedAt: FIXED_NOW.getTime(),
        expiresAt: FIXED_NOW.getTime() + 10 * 60_000,
        maxClaims: 12,
        claims: 0,
        state: 'open',
      };
      claims = [claim];
      return json(route, 200, claim);
    }
    if (path === '/api/badges/claims/lobby-claim/close') {
      closed++;
      return json(route, 200, { ok: true });
    }
    return json(route, 404, { error: 'not-found', message: path });
  });

  await openExplore(page, url, 'English');
  await unlockStaff(page, E2E_ACCOUNTS.coordinator);
  await page.locator('.ec-event', { hasText: 'Maker club: build together' }).first().click();
  const details = page.getByRole('dialog', { name: 'Maker club: build together' });
  await details.getByRole('button', { name: 'Award badges' }).tap();
  await details.getByRole('button', { name: /Maker starter/ }).tap();
  await expect(details.getByRole('img', { name: 'QR code to claim the badge Maker starter' })).toBeVisible();
  await expect(details.getByText('0 of 12 claimed')).toBeVisible();
  await expect(details.getByText(/^Valid for (10:00|9:\d\d) more$/)).toBeVisible();
  expect(opened).toEqual([
    {
      body: expect.objectContaining({ achievementId: 'maker-starter', activityId: 'maker-club', sessionStart: Date.parse('2026-12-02T13:00:00Z') }),
      lobbySession: expect.any(String),
    },
  ]);
  await details.locator('.award').getByRole('button', { name: 'Close' }).tap();
  // Back at the choice of badge, in the same dialog; the hub was told.
  await expect(details.getByRole('img', { name: /QR code to claim/ })).toBeHidden();
  await expect(details.getByRole('button', { name: 'Back' })).toBeVisible();
  expect(closed).toBe(1);
});
