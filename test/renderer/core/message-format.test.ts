import { describe, expect, it } from 'vitest';
import { formatMessage, placeholderNames } from '../../../src-renderer/core/message-format';

const ACTIVITIES = '{count, plural, one {# activity} other {# activities}} here';

describe('formatMessage', () => {
  it('chooses the plural form by the language rules', () => {
    expect(formatMessage(ACTIVITIES, 'en', { count: 1 })).toBe('1 activity here');
    expect(formatMessage(ACTIVITIES, 'en', { count: 0 })).toBe('0 activities here');
    expect(formatMessage(ACTIVITIES, 'en', { count: 2 })).toBe('2 activities here');
    // French counts 0 as singular.
    expect(formatMessage('{n, plural, one {# date} other {# dates}}', 'fr', { n: 0 })).toBe('0 date');
  });

  it('prefers an exact branch and falls back to "other"', () => {
    const text = '{n, plural, =0 {nothing} one {# thing} other {# things}}';
    expect(formatMessage(text, 'en', { n: 0 })).toBe('nothing');
    expect(formatMessage('{n, plural, other {# dingen}}', 'nl', { n: 1 })).toBe('1 dingen');
  });

  it('fills plain placeholders beside plurals and leaves unknown ones visible', () => {
    expect(formatMessage('{count, plural, one {# problem} other {# problems}} in {source}', 'en', { count: 1, source: 'site.json' })).toBe('1 problem in site.json');
    expect(formatMessage(ACTIVITIES, 'en')).toBe(ACTIVITIES);
    expect(formatMessage('{a} and {b}', 'en', { a: 1 })).toBe('1 and {b}');
  });

  it('names the placeholders of a template, plain or plural', () => {
    expect(placeholderNames('{count, plural, one {# x} other {# xs}}, {skipped} left, {count}')).toEqual(['count', 'skipped']);
  });
});
