// The kiosk's link to its hub as runes, so a screen that reads `store.online` or `store.offlineSince`
// updates by itself when the hub goes away or comes back.
import type { ConnectionStatus } from './sync';

export class ConnectionState {
  #online = $state(true);
  #offlineSince = $state<number | undefined>(undefined);

  /** True until the hub is found unreachable; booking is refused plainly while it is false. */
  get online(): boolean {
    return this.#online;
  }

  /** When the hub was first found unreachable (epoch ms); undefined while online. */
  get offlineSince(): number | undefined {
    return this.#offlineSince;
  }

  set(status: ConnectionStatus): void {
    this.#online = status.online;
    this.#offlineSince = status.online ? undefined : status.offlineSince;
  }
}
