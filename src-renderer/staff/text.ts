// The desk's words in the language the person picked (the kiosk's locale state, shared with the
// panels), for components: `dt('nav.timeline')`.
import { locale } from '../kiosk/locale.svelte';
import { deskTranslate, isDeskKey, type DeskKey } from './messages';

export function dt(key: DeskKey, params?: Record<string, string | number>): string {
  return deskTranslate(locale.current, key, params);
}

/** A key built from data (an audit entity, a field name); the raw value when the desk has no words for it. */
export function dtOr(key: string, fallback: string): string {
  return isDeskKey(key) ? deskTranslate(locale.current, key) : fallback;
}
