import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src-renderer/core/model';
import { DESK_MESSAGES, deskTranslate, isDeskKey } from '../../../src-renderer/staff/messages';

describe('desk messages', () => {
  const keys = Object.keys(DESK_MESSAGES.nl).sort();

  it.each(LOCALES)('%s has every key, none empty, with the same placeholders as Dutch', (locale) => {
    expect(Object.keys(DESK_MESSAGES[locale]).sort()).toEqual(keys);
    for (const key of keys) {
      const text = DESK_MESSAGES[locale][key as keyof typeof DESK_MESSAGES.nl];
      expect(text.trim(), `${locale}:${key}`).not.toBe('');
      const placeholders = (value: string): string[] => (value.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(text), `${locale}:${key}`).toEqual(placeholders(DESK_MESSAGES.nl[key as keyof typeof DESK_MESSAGES.nl]));
    }
  });

  it('fills placeholders and knows its own keys', () => {
    expect(deskTranslate('en', 'signin.locked', { time: '14:05' })).toBe('Too many wrong tries: this account is locked until 14:05.');
    expect(isDeskKey('audit.field.spaceId')).toBe(true);
    expect(isDeskKey('audit.field.nonsense')).toBe(false);
  });
});
