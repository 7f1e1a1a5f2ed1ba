// The hub's file lookup (src-hub/http/static.ts): the path rules the app:// protocol used to apply
// itself, now shared by both hosts, with the same refusals and the same fuzz.
import { isAbsolute, join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../../src-hub/http/static';

const ROOT = join('/srv', 'renderer-root');

describe('resolveStaticPath', () => {
  it('maps the empty path to index.html and plain paths below the folder', () => {
    expect(resolveStaticPath(ROOT, '')).toBe(join(ROOT, 'index.html'));
    expect(resolveStaticPath(ROOT, 'assets/index-abc123.js')).toBe(join(ROOT, 'assets', 'index-abc123.js'));
    expect(resolveStaticPath(ROOT, 'assets/caf%C3%A9.png')).toBe(join(ROOT, 'assets', 'café.png'));
    expect(resolveStaticPath(ROOT, 'constructor')).toBe(join(ROOT, 'constructor'));
  });

  it.each([
    '..',
    '../secret',
    '%2e%2e/secret',
    '%2E%2E/secret',
    'assets/%2e%2e/%2e%2e/secret',
    '..%2fsecret',
    '..%5csecret',
    'assets\\..\\..\\secret',
    '%5c%5cserver%5cshare',
    '/etc/passwd',
    '%2fetc%2fpasswd',
    'C:%5cWindows%5cwin.ini',
    'c:/Windows/win.ini',
    './index.html',
    '.vite/manifest.json',
    '.env',
    'index.html%00.png',
    'a%0Ab',
    '%',
    '%zz',
    'assets/',
    'assets//x.js',
  ])('refuses %s', (path) => expect(resolveStaticPath(ROOT, path)).toBeNull());

  it('never resolves a file outside the folder (fuzz)', () => {
    const segment = fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '%2e', '%2f', '%5c', '\\', '', 'a', 'assets', 'index.html', '%00', 'C:'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        const result = resolveStaticPath(ROOT, segments.join('/'));
        if (result !== null) {
          const inside = relative(ROOT, result);
          expect(inside.startsWith('..') || isAbsolute(inside) || inside === '').toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
