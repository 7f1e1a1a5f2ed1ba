// Place and registration strings (core/messages/places.ts) in the visitor's language, read reactively:
// a template calling `pt(…)` follows a language switch like `locale.t(…)` does.
import { placeText, type PlaceKey } from '../../core/messages/places';
import { locale } from '../locale.svelte';

export const pt = (key: PlaceKey, params?: Record<string, string | number>): string => placeText(locale.current, key, params);
