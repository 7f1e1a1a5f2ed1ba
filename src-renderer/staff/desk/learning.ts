// The Learning page's forms, kept pure: a mentor, achievement or playlist as the form holds it (every
// text as typed, one field per language of the site), the item site.json holds made from it, checked
// with the very schema the hub checks site.json with, and the hub's ConfigErrors placed beside the
// field they are about (the rest listed above the buttons). Nothing here loses what was typed.
import * as v from 'valibot';
import { Achievement as AchievementSchema, Mentor as MentorSchema, Playlist as PlaylistSchema } from '../../core/config/schema';
import { issueToError } from '../../core/config/issues';
import type { LearningKind } from '../../core/hub/contract';
import type { Achievement, ConfigError, LevelId, Locale, LocalizedText, Mentor, Playlist, PlaylistStep, SkillAlignment } from '../../core/model';

export type Texts = Partial<Record<Locale, string>>;
export const CONTACT_KINDS = ['email', 'phone', 'url', 'desk'] as const;
export const MIN_STEPS = 3;
export const MAX_STEPS = 8;

export interface MentorForm {
  kind: 'mentor';
  id: string;
  firstName: string;
  organisation: string;
  helpsWith: Texts;
  findThem: Texts;
  /** Two-letter codes, separated by commas or spaces, as typed. */
  languages: string;
  contactKind: '' | (typeof CONTACT_KINDS)[number];
  contactValue: string;
  contactPublic: boolean;
}

export interface AchievementForm {
  kind: 'achievement';
  id: string;
  name: Texts;
  description: Texts;
  criteria: Texts;
  image: string;
  level: '' | LevelId;
  theme: string;
  organisation: string;
  /** Whole days as typed; '' = the badge does not expire. */
  validDays: string;
  /** Not edited here (site.json is its home); kept as it was, so a save never drops it. */
  alignment: SkillAlignment[];
}

export interface StepForm {
  /** A specific activity, or any activity of a level and theme. */
  by: 'activity' | 'level';
  activity: string;
  level: LevelId;
  theme: string;
  /** Not edited here; kept. */
  note?: LocalizedText;
}

export interface PlaylistForm {
  kind: 'playlist';
  id: string;
  title: Texts;
  goal: Texts;
  organisation: string;
  mentor: string;
  badge: string;
  steps: StepForm[];
}

export type LearningForm = MentorForm | AchievementForm | PlaylistForm;
export type LearningItem = Mentor | Achievement | Playlist;

const emptyStep = (): StepForm => ({ by: 'activity', activity: '', level: 'see-do', theme: '' });

export function emptyForm(kind: LearningKind): LearningForm {
  switch (kind) {
    case 'mentor':
      return { kind, id: '', firstName: '', organisation: '', helpsWith: {}, findThem: {}, languages: '', contactKind: '', contactValue: '', contactPublic: false };
    case 'achievement':
      return { kind, id: '', name: {}, description: {}, criteria: {}, image: '', level: '', theme: '', organisation: '', validDays: '', alignment: [] };
    case 'playlist':
      return { kind, id: '', title: {}, goal: {}, organisation: '', mentor: '', badge: '', steps: Array.from({ length: MIN_STEPS }, emptyStep) };
  }
}

export function mentorForm(mentor: Mentor): MentorForm {
  return {
    kind: 'mentor',
    id: mentor.id,
    firstName: mentor.firstName,
    organisation: mentor.organisation,
    helpsWith: { ...mentor.helpsWith },
    findThem: { ...mentor.findThem },
    languages: mentor.languages.join(', '),
    contactKind: mentor.contact?.kind ?? '',
    contactValue: mentor.contact?.value ?? '',
    contactPublic: mentor.contact?.public ?? false,
  };
}

export function achievementForm(achievement: Achievement): AchievementForm {
  return {
    kind: 'achievement',
    id: achievement.id,
    name: { ...achievement.name },
    description: { ...achievement.description },
    criteria: { ...achievement.criteria },
    image: achievement.image ?? '',
    level: achievement.level ?? '',
    theme: achievement.theme ?? '',
    organisation: achievement.organisation,
    validDays: achievement.validDays === undefined ? '' : String(achievement.validDays),
    alignment: achievement.alignment.map((alignment) => ({ ...alignment })),
  };
}

export function playlistForm(playlist: Playlist): PlaylistForm {
  return {
    kind: 'playlist',
    id: playlist.id,
    title: { ...playlist.title },
    goal: { ...playlist.goal },
    organisation: playlist.organisation,
    mentor: playlist.mentor ?? '',
    badge: playlist.badge ?? '',
    steps: playlist.steps.map((step): StepForm => {
      const note = step.note ? { note: step.note } : {};
      return 'activity' in step ? { ...emptyStep(), by: 'activity', activity: step.activity, ...note } : { ...emptyStep(), by: 'level', level: step.level, theme: step.theme, ...note };
    }),
  };
}

/** The texts of the site's languages that are filled in, trimmed; other languages are left out. */
function texts(values: Texts, locales: readonly Locale[]): LocalizedText {
  const out: LocalizedText = {};
  for (const code of locales) {
    const value = values[code]?.trim();
    if (value) out[code] = value;
  }
  return out;
}

/** A number typed in a text field: a whole number, or the text itself so the schema says what is wrong with it. */
function wholeNumber(typed: string): number | string {
  const trimmed = typed.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The item as site.json holds it. Empty optional fields are left out, not written as "". */
export function itemFromForm(form: LearningForm, locales: readonly Locale[]): Record<string, unknown> {
  switch (form.kind) {
    case 'mentor': {
      const languages = form.languages
        .split(/[\s,;]+/)
        .map((code) => code.trim().toLowerCase())
        .filter((code) => code !== '');
      return {
        id: form.id.trim(),
        firstName: form.firstName.trim(),
        organisation: form.organisation,
        helpsWith: texts(form.helpsWith, locales),
        ...(languages.length > 0 ? { languages } : {}),
        findThem: texts(form.findThem, locales),
        ...(form.contactKind === '' ? {} : { contact: { kind: form.contactKind, value: form.contactValue.trim(), public: form.contactPublic } }),
      };
    }
    case 'achievement':
      return {
        id: form.id.trim(),
        name: texts(form.name, locales),
        description: texts(form.description, locales),
        criteria: texts(form.criteria, locales),
        ...(form.image.trim() === '' ? {} : { image: form.image.trim() }),
        ...(form.level === '' ? {} : { level: form.level }),
        ...(form.theme === '' ? {} : { theme: form.theme }),
        organisation: form.organisation,
        ...(form.alignment.length > 0 ? { alignment: form.alignment } : {}),
        ...(form.validDays.trim() === '' ? {} : { validDays: wholeNumber(form.validDays) }),
      };
    case 'playlist':
      return {
        id: form.id.trim(),
        title: texts(form.title, locales),
        goal: texts(form.goal, locales),
        organisation: form.organisation,
        ...(form.mentor === '' ? {} : { mentor: form.mentor }),
        ...(form.badge === '' ? {} : { badge: form.badge }),
        steps: form.steps.map((step): PlaylistStep => {
          const note = step.note ? { note: step.note } : {};
          return step.by === 'activity' ? { activity: step.activity, ...note } : { level: step.level, theme: step.theme, ...note };
        }),
      };
  }
}

/** The localized fields of each kind that must have the site's default language (as the hub requires). */
const REQUIRED_TEXTS: Record<LearningKind, readonly string[]> = {
  mentor: ['helpsWith', 'findThem'],
  achievement: ['name', 'description', 'criteria'],
  playlist: ['title', 'goal'],
};

const SCHEMAS = { mentor: MentorSchema, achievement: AchievementSchema, playlist: PlaylistSchema } as const;

/**
 * Checks the item with the config schema before it goes to the hub, so most mistakes are said at
 * once and beside their field. Paths are relative to the item ("steps[1].theme"). The cross-checks
 * (does that organisation exist, does the playlist climb the ladder) stay the hub's: it sees the
 * whole site.
 */
export function checkItem(form: LearningForm, locales: readonly Locale[], defaultLocale: Locale): { item: Record<string, unknown>; errors: ConfigError[] } {
  const item = itemFromForm(form, locales);
  const result = v.safeParse(SCHEMAS[form.kind], item);
  const errors = result.success ? [] : result.issues.map((issue) => issueToError('site.json', issue));
  for (const field of REQUIRED_TEXTS[form.kind]) {
    const value = item[field] as LocalizedText | undefined;
    const path = `${field}.${defaultLocale}`;
    if (!value?.[defaultLocale] && !errors.some((error) => error.path === path)) errors.push({ file: 'site.json', path, message: `needs a text in the site's default language (${defaultLocale})` });
  }
  return { item, errors };
}

/** Field keys the form shows problems beside: "firstName", "helpsWith.nl", "contact", "steps", "steps[2]". */
export function formFields(form: LearningForm, locales: readonly Locale[]): Set<string> {
  const localized = REQUIRED_TEXTS[form.kind].flatMap((field) => [field, ...locales.map((code) => `${field}.${code}`)]);
  const plain: Record<LearningKind, string[]> = {
    mentor: ['id', 'firstName', 'organisation', 'languages', 'contact'],
    achievement: ['id', 'image', 'level', 'theme', 'organisation', 'validDays', 'alignment'],
    playlist: ['id', 'organisation', 'mentor', 'badge', 'steps'],
  };
  const steps = form.kind === 'playlist' ? form.steps.map((_, index) => `steps[${index}]`) : [];
  return new Set([...plain[form.kind], ...localized, ...steps]);
}

export interface PlacedErrors {
  /** A message per field key (formFields), several joined. */
  fields: Record<string, string>;
  /** Problems about no field of this form (another item, the file as a whole), as "path: message". */
  rest: string[];
}

const LIST_NAMES: Record<LearningKind, string> = { mentor: 'mentors', achievement: 'achievements', playlist: 'playlists' };

/**
 * Puts each problem beside its field. The hub names paths in site.json ("mentors[3].firstName"):
 * the item being saved sits at `index` there (its old place when it replaces one, the end of the list
 * when it is new). Paths already relative to the item ("firstName", "item.firstName") match as well.
 */
export function placeErrors(errors: readonly ConfigError[], form: LearningForm, locales: readonly Locale[], index: number): PlacedErrors {
  const fields = formFields(form, locales);
  const placed: Record<string, string> = {};
  const rest: string[] = [];
  const own = `${LIST_NAMES[form.kind]}[${index}]`;
  for (const error of errors) {
    const relative = relativePath(error.path, own, LIST_NAMES[form.kind]);
    const field = relative === undefined ? undefined : fieldOf(relative, fields);
    if (field === undefined) rest.push(error.path ? `${error.path}: ${error.message}` : error.message);
    else placed[field] = placed[field] ? `${placed[field]}; ${error.message}` : error.message;
  }
  return { fields: placed, rest };
}

function relativePath(path: string, own: string, list: string): string | undefined {
  if (path.startsWith(`${own}.`)) return path.slice(own.length + 1);
  if (path === own) return '';
  if (path.startsWith(`${list}[`) || path.startsWith('site.')) return undefined;
  return path.startsWith('item.') ? path.slice('item.'.length) : path;
}

/** The most specific field key the path falls under: "steps[2].theme" → "steps[2]", "contact.value" → "contact". */
function fieldOf(relative: string, fields: ReadonlySet<string>): string | undefined {
  let path = relative;
  while (path !== '') {
    if (fields.has(path)) return path;
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    path = cut <= 0 ? '' : path.slice(0, cut);
  }
  return undefined;
}

/** Moves a step one place up (-1) or down (1); the same list when it cannot move. */
export function moveStep(steps: readonly StepForm[], index: number, by: -1 | 1): StepForm[] {
  const target = index + by;
  if (index < 0 || index >= steps.length || target < 0 || target >= steps.length) return [...steps];
  const copy = [...steps];
  [copy[index], copy[target]] = [copy[target] as StepForm, copy[index] as StepForm];
  return copy;
}

export function addStep(steps: readonly StepForm[]): StepForm[] {
  return steps.length >= MAX_STEPS ? [...steps] : [...steps, emptyStep()];
}

export function removeStep(steps: readonly StepForm[], index: number): StepForm[] {
  return steps.length <= MIN_STEPS ? [...steps] : steps.filter((_, other) => other !== index);
}
