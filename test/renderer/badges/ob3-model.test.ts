// The credentials we build against the Open Badges 3.0 data model: expanded as JSON-LD (jsonld.js, safe
// mode, which throws on any term the contexts do not define) with an offline document loader that serves
// the OB 3.0 context from ../shared/ob3 and the W3C VC 2.0 context from @digitalbazaar/credentials-context.
// The specification's own examples (../shared/ob3/example-*.html) go through the same expansion.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { buildCredential, OB3_CONTEXT, readCredential, VC2_CONTEXT } from '../../../src-renderer/core/badges';
import { ACHIEVEMENTS, HUB, input, statusList, world } from './fixture';

const OB3_DIR = resolve(import.meta.dirname, '../../../../shared/ob3');
const present = existsSync(resolve(OB3_DIR, 'context-3.0.3.json'));
if (!present) console.warn(`ob3-model.test.ts: skipped, no Open Badges 3.0 reference data at ${OB3_DIR} (the shared ob3 folder sits beside the repository)`);

// The full and endorsement examples also name the OB 3.0 extensions context, which ../shared/ob3 does not
// hold; an empty stand-in serves it, and the only terms those examples may then leave undefined are the
// three 1EdTech extension types that context defines (checked below: anything else fails the test).
const OB3_EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';

function documentLoader(url: string) {
  const document =
    url === OB3_CONTEXT
      ? (JSON.parse(readFileSync(resolve(OB3_DIR, 'context-3.0.3.json'), 'utf8')) as unknown)
      : url === OB3_EXTENSIONS
        ? { '@context': {} }
        : vcContexts.get(url);
  if (!document) throw new Error(`offline document loader: no copy of ${url}`);
  return Promise.resolve({ contextUrl: null, documentUrl: url, document });
}

/** Expands in safe mode: a term the contexts do not define, or a relative IRI, throws instead of being dropped. */
const expand = (doc: unknown) => jsonld.expand(doc as jsonld.JsonLdDocument, { documentLoader: documentLoader as never, safe: true } as jsonld.Options.Expand);

/** Expands without safe mode and collects jsonld.js's warnings (dropped properties, relative types). */
async function expandWithEvents(doc: unknown): Promise<{ expanded: unknown; events: string[] }> {
  const events: string[] = [];
  const eventHandler = ({ event }: { event: { code: string; details: unknown } }) => {
    events.push(`${event.code} ${JSON.stringify(event.details)}`);
  };
  const expanded = await jsonld.expand(doc as jsonld.JsonLdDocument, { documentLoader: documentLoader as never, safe: false, eventHandler } as jsonld.Options.Expand);
  return { expanded, events };
}
const EXTENSION_TYPES = ['1EdTechJsonSchemaValidator2019', '1EdTechRevocationList', '1EdTechCredentialRefresh'];

/** Every property key of the expanded form: each one must be an absolute IRI (or a JSON-LD keyword). */
function keysOf(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) keysOf(n, into);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}
/** How many property keys the compact JSON has (outside @context), to compare with the expanded form. */
function compactKeys(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) compactKeys(n, into);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '@context') continue;
      into.add(k);
      compactKeys(v, into);
    }
  }
  return into;
}
const absolute = (k: string) => k.startsWith('@') || /^https?:\/\/\S+$/.test(k);

describe.skipIf(!present)('Open Badges 3.0 data model (JSON-LD expansion, offline)', () => {
  it('the contexts our credentials name are the ones served offline', () => {
    expect(vcContexts.has(VC2_CONTEXT)).toBe(true);
    expect(JSON.parse(readFileSync(resolve(OB3_DIR, 'context-3.0.3.json'), 'utf8'))).toHaveProperty('@context.OpenBadgeCredential');
  });

  it('every sample-site achievement, in every language, expands with every term defined', { timeout: 60_000 }, async () => {
    const { issuer, holder } = await world();
    for (const a of ACHIEVEMENTS) {
      for (const locale of ['nl', 'en', 'fr', 'tr'] as const) {
        const credential = buildCredential(input(issuer, holder, { achievement: a, locale, achievementUrl: `${HUB}/badges/achievements/${a.id}` }));
        const expanded = await expand(credential);
        expect((await expandWithEvents(credential)).events, `${a.id}/${locale}`).toEqual([]);
        const keys = keysOf(expanded);
        for (const k of keys) expect(absolute(k), `${a.id}/${locale}: ${k}`).toBe(true);
        // Nothing dropped: as many distinct properties after expansion as before (+ @id/@type/@value keywords).
        const properties = [...keys].filter((k) => !k.startsWith('@'));
        expect(properties.length, `${a.id}/${locale}`).toBe([...compactKeys(credential)].filter((k) => k !== 'id' && k !== 'type').length);
      }
    }
  });

  it('expands to the Open Badges vocabulary: an OpenBadgeCredential about an Achievement, valid from and until', async () => {
    const { jws } = await world();
    const [node] = (await expand(readCredential(jws).credential)) as Record<string, unknown>[];
    expect(node!['@type']).toEqual(expect.arrayContaining(['https://www.w3.org/2018/credentials#VerifiableCredential', 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential']));
    const keys = keysOf(node);
    for (const iri of [
      'https://www.w3.org/2018/credentials#issuer',
      'https://www.w3.org/2018/credentials#validFrom',
      'https://www.w3.org/2018/credentials#validUntil',
      'https://www.w3.org/2018/credentials#credentialSubject',
      'https://www.w3.org/2018/credentials#credentialStatus',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#alignment',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative',
      'https://schema.org/inLanguage',
    ]) {
      expect(keys.has(iri), iri).toBe(true);
    }
  });

  it('the status list credential expands with the VC 2.0 context alone', async () => {
    const { issuer } = await world();
    const list = await statusList(issuer, [1]);
    const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(list.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)))) as unknown;
    const keys = keysOf(await expand(payload));
    for (const k of keys) expect(absolute(k), k).toBe(true);
    expect(keys.has('https://www.w3.org/ns/credentials/status#encodedList')).toBe(true);
  });

  it('a term the contexts do not define makes the expansion throw (the check can fail)', async () => {
    const { issuer, holder } = await world();
    const credential = { ...buildCredential(input(issuer, holder)), nickname: 'not in any context' };
    await expect(expand(credential)).rejects.toThrow();
  });

  const examples = present ? readdirSync(OB3_DIR).filter((f) => /^example-.*\.html$/.test(f)) : [];
  it.each(examples)('the specification\'s %s parses and expands the same way', async (file) => {
    const html = readFileSync(resolve(OB3_DIR, file), 'utf8');
    const pre = /<pre[^>]*>([\s\S]*?)(<\/pre|`;)/.exec(html);
    expect(pre, `${file} has a <pre> block`).not.toBeNull();
    const example = JSON.parse(pre![1]!) as Record<string, unknown>;
    const { expanded, events } = await expandWithEvents(example);
    const allowed = (example['@context'] as string[]).includes(OB3_EXTENSIONS) ? EXTENSION_TYPES.map((t) => `relative @type reference {"type":"${t}"}`) : [];
    expect(events.filter((e) => !allowed.includes(e)), file).toEqual([]);
    if (allowed.length === 0) await expand(example);
    const keys = keysOf(expanded);
    for (const k of keys) expect(absolute(k), `${file}: ${k}`).toBe(true);
    expect(keys.has('https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement') || keys.has('https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsementComment'), file).toBe(true);
    expect(keys.size).toBeGreaterThan(10);
  });
});
