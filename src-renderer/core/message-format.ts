// Fills a message template: `{name}` placeholders and plural choices in ICU's shape,
// `{count, plural, one {# activity} other {# activities}}`, chosen by Intl.PluralRules for the
// full locale (French counts 0 as "one", Turkish needs no plural after a number). `#` is the number.
import { intlLocale } from './datetime';

/** A plural choice; its branches hold plain text and `#`, never further braces. */
export const PLURAL_PATTERN = /\{(\w+), plural,((?:\s*[\w=]+\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH_PATTERN = /([\w=]+)\s*\{([^{}]*)\}/g;

const pluralRules = new Map<string, Intl.PluralRules>();

function rulesFor(locale: string): Intl.PluralRules {
  const tag = intlLocale(locale);
  let rules = pluralRules.get(tag);
  if (!rules) {
    rules = new Intl.PluralRules(tag);
    pluralRules.set(tag, rules);
  }
  return rules;
}

/** The branches of a plural choice, by category ("one", "other") or exact value ("=0"). */
export function pluralBranches(body: string): Map<string, string> {
  return new Map([...body.matchAll(BRANCH_PATTERN)].map((match) => [match[1] ?? '', match[2] ?? '']));
}

/** The names a template fills, plain or plural, sorted: the same in every language. */
export function placeholderNames(template: string): string[] {
  const plurals = [...template.matchAll(PLURAL_PATTERN)].map((match) => match[1] ?? '');
  const plain = [...template.replace(PLURAL_PATTERN, '').matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  return [...new Set([...plurals, ...plain])].sort();
}

/** Fills a template; an unknown placeholder stays visible rather than vanishing. */
export function formatMessage(template: string, locale: string, params: Record<string, string | number> = {}): string {
  return template
    .replace(PLURAL_PATTERN, (whole, name: string, body: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      const count = Number(value);
      const branches = pluralBranches(body);
      const text = branches.get(`=${count}`) ?? branches.get(rulesFor(locale).select(count)) ?? branches.get('other') ?? '';
      return text.replace(/#/g, String(value));
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
