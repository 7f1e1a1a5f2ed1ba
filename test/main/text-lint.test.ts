import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Text stays text (eslint.config.mjs): no value reaches an HTML parser — innerHTML and friends,
// Leaflet's string content, {@html}. These tests show each rule firing, so it cannot silently rot.
const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../..') });

async function htmlFindings(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax' || m.ruleId === 'svelte/no-at-html-tags').map((m) => m.message);
}

// The first lint loads the config and the TypeScript and Svelte parsers: slow on a busy machine,
// so it happens once here, with room, and no test below pays for it.
beforeAll(async () => {
  await htmlFindings('src-renderer/kiosk/Warm.svelte', '<script lang="ts">\n  export {};\n</script>\n');
}, 120_000);

const leafletFile = 'src-renderer/kiosk/example.ts';
const withLeaflet = (body: string) => `import L from 'leaflet';\nimport { textNode } from './map-text';\nexport function draw(name: string, marker: L.Marker, map: L.Map): void {\n  ${body}\n  void [L, textNode, name, marker, map];\n}\n`;

describe('text stays text: Leaflet string content', () => {
  it.each([
    ['a tooltip', 'marker.bindTooltip(name, { permanent: true });'],
    ['a popup', 'marker.bindPopup(`<b>${name}</b>`);'],
    ['setContent', 'L.tooltip().setContent(name);'],
    ['setTooltipContent', 'marker.setTooltipContent(name + "!");'],
    ['an attribution', 'map.attributionControl.addAttribution(name);'],
    ['a divIcon', "L.divIcon({ className: 'x', html: name });"],
    ['a tile layer attribution', "L.tileLayer('https://t.example/{z}/{x}/{y}.png', { attribution: name });"],
    ['a popup content option', 'L.popup({ content: name });'],
    ['html returned for the staff calendar', 'const options = { eventContent: (info: { title: string }) => ({ html: info.title }) };\n  void options;'],
  ])('refuses a value as %s', async (_what, body) => {
    expect(await htmlFindings(leafletFile, withLeaflet(body))).toEqual([expect.stringMatching(/^Text stays text/)]);
  });

  it('refuses the city map as it was: the site name as a tooltip string', async () => {
    const before = withLeaflet("marker.bindTooltip(name, { permanent: true, direction: 'top', offset: [0, -20] });");
    expect(await htmlFindings('src-renderer/kiosk/CityMap.svelte', `<script lang="ts">\n${before}</script>\n`)).toEqual([expect.stringMatching(/Pass textNode\(text\)/)]);
  });

  it.each([
    ['a text node', 'marker.bindTooltip(textNode(name), { permanent: true });'],
    ['a literal', "marker.bindTooltip('Here', { permanent: true });"],
    ['a template without values', 'marker.bindPopup(`<b>Here</b>`);'],
    ['literal icon markup', "L.divIcon({ className: 'x', html: '<span aria-hidden=\"true\">★</span>' });"],
    ['an icon with a text node', "L.divIcon({ className: 'x', html: textNode(name) });"],
  ])('allows %s', async (_what, body) => {
    expect(await htmlFindings(leafletFile, withLeaflet(body))).toEqual([]);
  });
});

describe('text stays text: HTML sinks everywhere', () => {
  it.each([
    ['innerHTML', 'element.innerHTML = text;'],
    ['innerHTML +=', 'element.innerHTML += text;'],
    ['outerHTML', 'element.outerHTML = `<p>${text}</p>`;'],
    ['srcdoc', '(element as HTMLIFrameElement).srcdoc = text;'],
    ['insertAdjacentHTML', "element.insertAdjacentHTML('beforeend', text);"],
    ['createContextualFragment', 'document.createRange().createContextualFragment(text);'],
    ['document.write', 'document.write(text);'],
  ])('refuses %s with a value', async (_what, body) => {
    const code = `export function show(element: HTMLElement, text: string): void {\n  ${body}\n}\n`;
    for (const file of ['src-renderer/kiosk/example.ts', 'src-renderer/follow/example.ts', 'src-main/example.ts', 'scripts/example.ts']) {
      expect(await htmlFindings(file, code), file).toEqual([expect.stringMatching(/^Text stays text/)]);
    }
  });

  it('allows clearing with a literal and setting textContent', async () => {
    const code = "export function show(element: HTMLElement, text: string): void {\n  element.innerHTML = '';\n  element.textContent = text;\n  element.insertAdjacentText('beforeend', text);\n}\n";
    expect(await htmlFindings('src-renderer/kiosk/example.ts', code)).toEqual([]);
  });

  it('core, which has no DOM, may use option names such as content and attribution freely', async () => {
    expect(await htmlFindings('src-renderer/core/example.ts', "export const fields = { attribution: String('x'), content: String('y') };\nexport const f = Object.assign({}, { html: String('z') });\n")).toEqual([]);
  });
});

describe('text stays text: Svelte', () => {
  it('refuses {@html}', async () => {
    expect(await htmlFindings('src-renderer/kiosk/Example.svelte', '<script lang="ts">\n  let { text }: { text: string } = $props();\n</script>\n\n<p>{@html text}</p>\n')).toHaveLength(1);
  });

  it('refuses bind:innerHTML', async () => {
    const code = '<script lang="ts">\n  let text = $state(\'\');\n</script>\n\n<div contenteditable="true" bind:innerHTML={text}></div>\n';
    expect(await htmlFindings('src-renderer/kiosk/Example.svelte', code)).toEqual([expect.stringMatching(/bind:innerHTML/)]);
  });

  it('allows text in markup and bind:textContent', async () => {
    const code = '<script lang="ts">\n  let text = $state(\'\');\n</script>\n\n<p>{text}</p>\n<div contenteditable="true" bind:textContent={text}></div>\n';
    expect(await htmlFindings('src-renderer/kiosk/Example.svelte', code)).toEqual([]);
  });
});
