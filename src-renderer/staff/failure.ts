// What staff read when a write did not go through: "the hub cannot be reached" is said as such,
// since nothing is wrong with what they asked and it will work once the connection is back.
import { HubUnavailable } from '../db/store';
import { locale } from '../kiosk/locale.svelte';

/** The sentence for a failed staff action. */
export function failureText(error: unknown): string {
  return locale.t(error instanceof HubUnavailable ? 'staff.unavailable' : 'staff.failed');
}

/** The reason inside a tool's "… failed: {reason}". */
export function failureReason(error: unknown): string {
  if (error instanceof HubUnavailable) return locale.t('staff.unavailable');
  return error instanceof Error ? error.message : String(error);
}
