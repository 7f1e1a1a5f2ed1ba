// The learning screens' strings in the visitor's language (core/messages/learning.ts), read reactively:
// a template calling `lt(…)` follows a language switch like `locale.t(…)` does.
import { learningParts, learningText, type LearningKey } from '../../core/messages/learning';
import type { Achievement, Mentor, Playlist } from '../../core/model';
import type { Catalogue } from '../catalogue.svelte';
import { locale } from '../locale.svelte';

/** The site's learning ecosystem as the copy holds it; empty lists for a site (or an older copy) without one. */
export function learningOf(catalogue: Catalogue): { playlists: readonly Playlist[]; mentors: readonly Mentor[]; achievements: readonly Achievement[] } {
  const meta = catalogue.meta;
  return { playlists: meta?.playlists ?? [], mentors: meta?.mentors ?? [], achievements: meta?.achievements ?? [] };
}

export const lt = (key: LearningKey, params?: Record<string, string | number>): string => learningText(locale.current, key, params);

export const ltParts = (key: LearningKey, name: string, params?: Record<string, string | number>): { before: string; after: string } =>
  learningParts(locale.current, key, name, params);
