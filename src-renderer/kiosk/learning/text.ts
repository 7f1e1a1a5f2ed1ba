// The learning screens' strings in the visitor's language (core/messages/learning.ts), read reactively:
// a template calling `lt(…)` follows a language switch like `locale.t(…)` does.
import { learningParts, learningText, type LearningKey } from '../../core/messages/learning';
import { locale } from '../locale.svelte';

export const lt = (key: LearningKey, params?: Record<string, string | number>): string => learningText(locale.current, key, params);

export const ltParts = (key: LearningKey, name: string, params?: Record<string, string | number>): { before: string; after: string } =>
  learningParts(locale.current, key, name, params);
