// Turns valibot issues into ConfigErrors a person can act on: one short sentence per issue, with a
// JSON path like "activities[3].space" instead of valibot's generic "Invalid type: Expected …".
import type * as v from 'valibot';
import type { ConfigError } from '../model';

const TYPE_WORDS: Record<string, string> = {
  string: 'text in quotes',
  number: 'a number',
  boolean: 'true or false',
  Object: 'an object { … }',
  Array: 'a list [ … ]',
};

export function issueToError(file: string, issue: v.BaseIssue<unknown>): ConfigError {
  return { file, path: formatPath(issue.path ?? []), message: issueMessage(issue) };
}

/** "activities[3].schedule[0].start"; keys that are not plain words are quoted. */
export function formatPath(path: readonly { key: unknown }[]): string {
  return path
    .map(({ key }, position) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!/^[$\w-]+$/.test(name)) return `[${JSON.stringify(name)}]`;
      return position === 0 ? name : `.${name}`;
    })
    .join('');
}

function issueMessage(issue: v.BaseIssue<unknown>): string {
  const field = lastKey(issue);
  if (issue.kind === 'validation') return withReceived(issue);
  if (issue.expected === 'never' && field !== undefined) return `unknown field \`${field}\` (fields are case-sensitive; is it a typo?)`;
  if (issue.input === undefined && field !== undefined) return `required field \`${field}\` is missing`;
  if (issue.type === 'picklist') return `must be one of ${issue.expected?.replace(/^\(|\)$/g, '').split(' | ').join(', ')}, not ${issue.received}`;
  const expected = TYPE_WORDS[issue.expected ?? ''] ?? issue.expected ?? 'something else';
  return `must be ${expected}, not ${issue.received}`;
}

/** Format problems quote the offending text, so the author can find it in the file. */
function withReceived(issue: v.BaseIssue<unknown>): string {
  return typeof issue.input === 'string' && (issue.type === 'regex' || issue.type === 'check') ? `${issue.message} (got ${issue.received})` : issue.message;
}

function lastKey(issue: v.BaseIssue<unknown>): string | undefined {
  const key = issue.path?.at(-1)?.key;
  return typeof key === 'string' ? key : undefined;
}
