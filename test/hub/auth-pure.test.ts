// The pure parts of the hub's access: back-off, the per-client window, pairing codes, cookies, the
// audience matrix and the usage CSV.
import { describe, expect, it } from 'vitest';
import { ClientFailures, FREE_ATTEMPTS, lockDuration } from '../../src-hub/auth/lockout';
import { newPairingCode, normalisePairingCode, PAIRING_CODE_LENGTH, sameSecret } from '../../src-hub/auth/secrets';
import { usageCsv } from '../../src-hub/auth/usage';
import { admit, readCookie, readCredentials, type Principal } from '../../src-hub/http/auth';
import type { Audience } from '../../src-renderer/core/hub/access';

describe('lockDuration', () => {
  it('lets the first tries through, then doubles from 30 s up to 15 minutes', () => {
    expect(Array.from({ length: FREE_ATTEMPTS - 1 }, (_, index) => lockDuration(index + 1))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 50].map(lockDuration)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
  });
});

describe('ClientFailures', () => {
  it('holds back a client that fails too often within the window, and only that client', () => {
    const clients = new ClientFailures({ failures: 3, windowMs: 1000, holdMs: 5000 });
    clients.failed('a', 0);
    clients.failed('a', 100);
    expect(clients.heldUntil('a', 200)).toBeUndefined();
    clients.failed('a', 200);
    expect(clients.heldUntil('a', 300)).toBe(5200);
    expect(clients.heldUntil('b', 300)).toBeUndefined();
    expect(clients.heldUntil('a', 5200)).toBeUndefined();
  });

  it('forgets failures older than the window', () => {
    const clients = new ClientFailures({ failures: 2, windowMs: 1000, holdMs: 5000 });
    clients.failed('a', 0);
    clients.failed('a', 1500);
    expect(clients.heldUntil('a', 1600)).toBeUndefined();
  });

  it('remembers a bounded number of clients', () => {
    const clients = new ClientFailures({ failures: 1, windowMs: 1000, holdMs: 5000, maxClients: 2 });
    for (const client of ['a', 'b', 'c']) clients.failed(client, 0);
    expect(clients.heldUntil('a', 1)).toBeUndefined();
    expect(clients.heldUntil('c', 1)).toBe(5000);
  });
});

describe('pairing codes', () => {
  it('are 6 characters with no look-alikes, and typed ones compare without case, spaces or dashes', () => {
    for (let index = 0; index < 200; index++) expect(newPairingCode()).toMatch(new RegExp(`^[ACDEFGHJKMNPQRTUVWXY34679]{${PAIRING_CODE_LENGTH}}$`));
    expect(normalisePairingCode(' k7q-4px ')).toBe('K7Q4PX');
  });

  it('sameSecret compares whole strings', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });
});

describe('credentials', () => {
  it('reads the bearer, the lobby session and the session cookie', () => {
    const headers = new Headers({ Authorization: 'Bearer tok', 'X-Lobby-Session': 'lob', Cookie: 'a=1; ww_session=sess; b=2' });
    expect(readCredentials(headers)).toEqual({ bearer: 'tok', lobby: 'lob', cookie: 'sess' });
    expect(readCredentials(new Headers({ Authorization: 'Basic xyz' }))).toEqual({});
    expect(readCookie('ww_session=', 'ww_session')).toBeUndefined();
    expect(readCookie('xww_session=1', 'ww_session')).toBeUndefined();
  });

  const screen = { id: 's', name: 'S', closed: false, pairedAt: 0 };
  const staff = (role: 'coordinator' | 'organisation', via: 'desk' | 'lobby', mustChangePassword = false): Principal => {
    const session = { account: { id: 'a', name: 'a', displayName: 'A', role, mustChangePassword }, kind: via, csrf: 'c', idleExpiresAt: 1, expiresAt: 1 };
    return via === 'desk' ? { kind: 'staff', via, session, secret: 'x' } : { kind: 'staff', via, session, screen };
  };
  const principals: Record<string, Principal> = {
    anonymous: { kind: 'anonymous' },
    device: { kind: 'device', screen },
    'coordinator at the desk': staff('coordinator', 'desk'),
    'organisation at the desk': staff('organisation', 'desk'),
    'coordinator on a screen': staff('coordinator', 'lobby'),
  };
  const verdict = (audience: Audience, principal: Principal): number => {
    try {
      admit(audience, principal, 'x');
      return 200;
    } catch (error) {
      return (error as { status: number }).status;
    }
  };

  it('admits each principal to exactly its audiences', () => {
    const table = Object.fromEntries(
      (['public', 'device', 'reader', 'visitor', 'staff', 'coordinator'] as Audience[]).map((audience) => [audience, Object.values(principals).map((principal) => verdict(audience, principal))]),
    );
    // Columns: anonymous, device, coordinator at the desk, organisation at the desk, coordinator on a screen.
    expect(table).toEqual({
      public: [200, 200, 200, 200, 200],
      device: [401, 200, 403, 403, 200],
      reader: [401, 200, 200, 200, 200],
      visitor: [401, 200, 200, 200, 200],
      staff: [401, 403, 200, 200, 200],
      coordinator: [401, 403, 200, 403, 200],
    });
  });

  it('admits a person whose password someone else set to nothing but changing it', () => {
    expect(verdict('reader', staff('coordinator', 'desk', true))).toBe(403);
    expect(verdict('session', staff('coordinator', 'desk', true))).toBe(200);
  });
});

describe('usageCsv', () => {
  it('writes UTC and local hours, screen names, and "< 5" for small counts, and defuses formulas', () => {
    const hour = Date.UTC(2026, 11, 2, 14);
    const csv = usageCsv(
      [
        { hour, screenId: 's1', event: 'filter', key: 'level:see-do', n: 12 },
        { hour, screenId: 's1', event: 'sheet-opened', key: '=HYPERLINK("x")', n: 2 },
      ],
      new Map([['s1', 'Lobby, east']]),
      'Europe/Brussels',
    );
    expect(csv.split('\r\n')).toEqual([
      'hour_utc,hour_local,screen,event,key,count',
      '2026-12-02T14:00:00.000Z,2026-12-02 15:00,"Lobby, east",filter,level:see-do,12',
      `2026-12-02T14:00:00.000Z,2026-12-02 15:00,"Lobby, east",sheet-opened,"'=HYPERLINK(""x"")",< 5`,
      '',
    ]);
  });
});
