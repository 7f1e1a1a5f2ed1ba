import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP_HEADER, CSP_META } from '../../src-hub/http/csp';

const directives = (policy: string) => new Map(policy.split(';').map((part) => {
  const [name, ...values] = part.trim().split(/\s+/);
  return [name!, values] as const;
}));

describe.each([
  ['CSP_HEADER', CSP_HEADER],
  ['CSP_META', CSP_META],
])('%s', (_name, policy) => {
  const parsed = directives(policy);

  it('never allows inline code, eval or wildcards', () => {
    expect(policy).not.toContain("'unsafe-inline'");
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toContain("'unsafe-hashes'");
    expect(policy).not.toContain("'wasm-unsafe-eval'");
    expect(policy).not.toMatch(/(^|\s)\*/);
    expect(policy).not.toMatch(/(^|\s)(https?:|ws:|wss:|app:)(\s|;|$)/);
    expect(policy).not.toMatch(/https?:\/\//);
  });

  it('denies by default and allows only the app itself for code, styles, fonts and fetches', () => {
    expect(parsed.get('default-src')).toEqual(["'none'"]);
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('style-src')).toEqual(["'self'"]);
    expect(parsed.get('font-src')).toEqual(["'self'"]);
    expect(parsed.get('connect-src')).toEqual(["'self'"]);
    expect(parsed.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    expect(parsed.get('base-uri')).toEqual(["'none'"]);
    expect(parsed.get('form-action')).toEqual(["'none'"]);
  });

  it('has no duplicate directives', () => {
    const names = policy.split(';').map((part) => part.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('header versus meta', () => {
  it('puts frame-ancestors only in the header (a <meta> CSP ignores it)', () => {
    expect(directives(CSP_HEADER).get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives(CSP_META).has('frame-ancestors')).toBe(false);
    expect(CSP_HEADER.replace(/;?\s*frame-ancestors 'none'/, '')).toBe(CSP_META);
  });

  const indexHtml = join(import.meta.dirname, '../../src-renderer/index.html');
  it.runIf(existsSync(indexHtml))("matches the renderer's <meta> policy", () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(indexHtml, 'utf8'));
    expect(meta?.[1]).toBe(CSP_META);
  });
});
