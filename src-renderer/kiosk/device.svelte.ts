// This screen's identity towards the hub: paired (a device token, the screen's id) or pairing.
//
// On start the kiosk asks the hub who it is (`GET /api/device`). 200: paired; under Electron with
// the embedded hub, main adds the bearer itself, so the answer can be 200 with no token stored here.
// 401 `not-paired`: any stored token is dropped and the pairing screen shows a code a coordinator
// enters at the desk; the screen polls until the code is claimed (then stores the token) or expires
// (then asks for a new one). A later 401 `not-paired` (a revoked token) drops it back to pairing.
// A hub that cannot be reached with a token stored is no reason to stop: the kiosk runs from its copy.
import type { DeviceResponse, PollPairingResponse, StartPairingResponse } from '../core/hub/contract';
import { DEVICE_STORAGE_KEY, parseDeviceIdentity, type DeviceIdentity } from '../core/screen';
import { HubError } from '../db/store';
import type { HubClient } from '../db/hub-client';

export type DeviceStatus = 'checking' | 'pairing' | 'paired';

export interface DeviceSessionOptions {
  /** Where the identity is kept (localStorage in the app; a fake in tests). */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** How often the pairing screen asks whether its code was claimed. */
  pollMs?: number;
  /** How long to wait before trying an unreachable hub again. */
  retryMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
}

export class DeviceSession {
  #status = $state<DeviceStatus>('checking');
  #screenId = $state<string | undefined>();
  #code = $state<{ code: string; expiresAt: number } | undefined>();
  #unreachable = $state(false);
  #token: string | undefined;
  #client: HubClient | undefined;
  #run: AbortController | undefined;
  readonly #storage: DeviceSessionOptions['storage'];
  readonly #pollMs: number;
  readonly #retryMs: number;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly #now: () => number;

  constructor(options: DeviceSessionOptions) {
    this.#storage = options.storage;
    this.#pollMs = options.pollMs ?? 2_000;
    this.#retryMs = options.retryMs ?? 3_000;
    this.#sleep = options.sleep ?? sleep;
    this.#now = options.now ?? Date.now;
    this.#token = this.#stored()?.token;
  }

  get status(): DeviceStatus {
    return this.#status;
  }
  /** This screen's id (from the hub, or stored while the hub is away); undefined while not paired. */
  get screenId(): string | undefined {
    return this.#screenId;
  }
  /** The pairing code to show, while pairing. */
  get pairing(): { code: string; expiresAt: number } | undefined {
    return this.#code;
  }
  /** The hub did not answer the last try (pairing, or the first check without a stored identity). */
  get unreachable(): boolean {
    return this.#unreachable;
  }

  /** The headers that say which screen is asking (none under Electron, where main adds them). */
  headers(): Record<string, string> {
    return this.#token === undefined ? {} : { Authorization: `Bearer ${this.#token}` };
  }

  /** Finds out whether this screen is paired, and pairs it when not; returns the function that stops. */
  start(client: HubClient): () => void {
    this.#client = client;
    void this.#begin((signal) => this.#check(signal));
    return () => {
      this.#run?.abort();
      this.#run = undefined;
    };
  }

  /** The hub said this screen is not (or no longer) paired: forget the token and pair again. */
  unpaired(): void {
    if (this.#status === 'pairing') return;
    this.#forget();
    void this.#begin((signal) => this.#pair(signal));
  }

  /** Something suggests the pairing may be gone (this screen's row left the stream): ask the hub. */
  verify(): void {
    if (this.#status !== 'paired') return;
    void this.#client?.request<DeviceResponse>('device').then(
      ({ screen }) => (this.#screenId = screen.id),
      () => undefined, // A 401 reaches unpaired() through the client's onUnauthorized; anything else changes nothing.
    );
  }

  async #begin(task: (signal: AbortSignal) => Promise<void>): Promise<void> {
    this.#run?.abort();
    const run = new AbortController();
    this.#run = run;
    try {
      await task(run.signal);
    } catch (error) {
      if (!run.signal.aborted) throw error;
    }
  }

  async #check(signal: AbortSignal): Promise<void> {
    const client = this.#client!;
    // Paired before: serve visitors from the copy at once, as when the hub is away; the answer
    // below only confirms it (or, with a 401, sends the screen back to pairing).
    const stored = this.#stored();
    if (stored) this.#paired(stored.screenId);
    for (;;) {
      try {
        const { screen } = await client.request<DeviceResponse>('device', { signal });
        this.#paired(screen.id);
        return;
      } catch (error) {
        signal.throwIfAborted();
        if (isNotPaired(error)) {
          this.#forget();
          return this.#pair(signal);
        }
        if (stored) return;
        this.#unreachable = true;
        await this.#sleep(this.#retryMs, signal);
      }
    }
  }

  async #pair(signal: AbortSignal): Promise<void> {
    const client = this.#client!;
    this.#status = 'pairing';
    this.#screenId = undefined;
    for (;;) {
      let pairingId: string;
      try {
        const started = await client.request<StartPairingResponse>('startPairing', { body: {}, signal });
        pairingId = started.pairingId;
        this.#code = { code: started.code, expiresAt: started.expiresAt };
        this.#unreachable = false;
      } catch {
        signal.throwIfAborted();
        this.#unreachable = true;
        await this.#sleep(this.#retryMs, signal);
        continue;
      }
      for (;;) {
        await this.#sleep(this.#pollMs, signal);
        let answer: PollPairingResponse;
        try {
          answer = await client.request<PollPairingResponse>('pollPairing', { body: { pairingId }, signal });
          this.#unreachable = false;
        } catch {
          signal.throwIfAborted();
          this.#unreachable = true;
          // Keep asking about the same code until it has surely expired; then ask for a new one.
          if (this.#code && this.#now() > this.#code.expiresAt) break;
          continue;
        }
        if (answer.status === 'paired') {
          this.#save({ token: answer.token, screenId: answer.screen.id });
          this.#code = undefined;
          this.#paired(answer.screen.id);
          return;
        }
        if (answer.status === 'expired') break;
        this.#code = { code: answer.code, expiresAt: answer.expiresAt };
      }
    }
  }

  #paired(screenId: string): void {
    this.#screenId = screenId;
    this.#unreachable = false;
    this.#status = 'paired';
  }

  #stored(): DeviceIdentity | undefined {
    return parseDeviceIdentity(this.#storage.getItem(DEVICE_STORAGE_KEY));
  }

  #save(identity: DeviceIdentity): void {
    this.#token = identity.token;
    this.#storage.setItem(DEVICE_STORAGE_KEY, JSON.stringify(identity));
  }

  #forget(): void {
    this.#token = undefined;
    this.#storage.removeItem(DEVICE_STORAGE_KEY);
  }
}

function isNotPaired(error: unknown): boolean {
  return error instanceof HubError && error.status === 401;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}
