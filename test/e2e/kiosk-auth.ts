// Who the end-to-end tests are towards the hub (issue 9): the paired screen whose identity a kiosk
// page holds, staff unlocking a lobby screen with name and PIN, and a coordinator calling the desk's
// API over HTTP (a session cookie, X-CSRF-Token on every POST).
import { request, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import type { SessionResponse } from '../../src-renderer/core/hub/contract';
import { DEVICE_STORAGE_KEY, type DeviceIdentity } from '../../src-renderer/core/screen';

export interface StaffAccount {
  name: string;
  password: string;
  pin: string;
  displayName: string;
}

/**
 * Makes every page of `context` start as the paired screen `device` (written before any script of
 * the page runs). A page that paired itself since, or dropped its token, keeps what it has.
 */
export async function pairContext(context: BrowserContext, device: DeviceIdentity): Promise<void> {
  await context.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem('e2e.paired')) {
        sessionStorage.setItem('e2e.paired', '1');
        localStorage.setItem(key, value);
      }
    },
    [DEVICE_STORAGE_KEY, JSON.stringify(device)] as const,
  );
}

/** Opens staff mode on a kiosk page (in English) with a name and PIN. */
export async function unlockStaff(page: Page, account: Pick<StaffAccount, 'name' | 'pin'>): Promise<void> {
  await page.getByRole('button', { name: 'Staff', exact: true }).tap();
  const keypad = page.getByRole('dialog', { name: 'Staff: sign in' });
  await keypad.getByRole('textbox', { name: 'Name' }).fill(account.name);
  await keypad.getByRole('button', { name: 'Next' }).tap();
  for (const digit of account.pin) await keypad.getByRole('button', { name: digit, exact: true }).tap();
  await keypad.getByRole('button', { name: 'Unlock' }).tap();
}

export interface DeskApi {
  api: APIRequestContext;
  csrf: string;
  /** A POST with the session's CSRF token, answering the parsed JSON (and failing on a refusal). */
  post<T>(path: string, body: object): Promise<T>;
  get<T>(path: string): Promise<T>;
  dispose(): Promise<void>;
}

/** A coordinator (or any account) signed in to the hub's desk API, over HTTP. */
export async function signIn(url: string, account: Pick<StaffAccount, 'name' | 'password'>): Promise<DeskApi> {
  const api = await request.newContext({ baseURL: url });
  const response = await api.post('/api/session', { data: { name: account.name, password: account.password } });
  if (!response.ok()) throw new Error(`sign-in as ${account.name}: HTTP ${response.status()} ${await response.text()}`);
  const { csrfToken: csrf } = (await response.json()) as SessionResponse;
  const check = async <T>(what: string, answer: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> => {
    if (!answer.ok()) throw new Error(`${what}: HTTP ${answer.status()} ${await answer.text()}`);
    return (await answer.json()) as T;
  };
  return {
    api,
    csrf,
    post: async (path, body) => check(`POST ${path}`, await api.post(path, { data: body, headers: { 'X-CSRF-Token': csrf } })),
    get: async (path) => check(`GET ${path}`, await api.get(path)),
    dispose: () => api.dispose(),
  };
}

/** A fresh idempotency key for a write made by a test. */
export function testKey(): string {
  return randomBytes(18).toString('base64url');
}
