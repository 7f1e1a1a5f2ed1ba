// Lint config. The layering rules at the bottom keep the folder layout true by themselves:
// core is pure, the renderer never reaches Node or Electron, main never pulls in renderer UI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.mjs';

// Package names are matched as whole specifiers (regex), so a local file such as ./electron.ts is not
// mistaken for the electron package.
const nodeBuiltins = '^(node:.*|fs|fs/.*|path|os|child_process|http|https|net|url|crypto|stream|util|worker_threads)$';

const rendererForbidden = [
  { regex: '^electron(/.*)?$', message: 'The renderer never imports Electron: go through src-renderer/platform.' },
  { regex: nodeBuiltins, message: 'The renderer runs in a browser sandbox: no Node.js modules.' },
  { group: ['**/src-main/**', '../../src-main/*'], message: 'The renderer never imports main-process code.' },
  { group: ['**/src-hub/**', '../../src-hub/*'], message: 'The renderer never imports the hub: it talks to it over HTTP (src-renderer/db/hub-client.ts).' },
];

// Text stays text: no string reaches an HTML parser unless it is written in the code itself. Config
// and feed text goes in as textContent, or, for Leaflet, as a DOM node from textNode()
// (src-renderer/kiosk/map-text.ts). A literal is fine: markup the code itself wrote.
const isSafe = (path) => `[${path}.type='Literal'], [${path}.type='TemplateLiteral'][${path}.expressions.length=0], [${path}.type='CallExpression'][${path}.callee.name='textNode']`;
const htmlSinks = [
  {
    selector: `AssignmentExpression[left.type='MemberExpression'][left.property.name=/^(innerHTML|outerHTML|srcdoc)$/]:not(${isSafe('right')})`,
    message: 'Text stays text: never set innerHTML, outerHTML or srcdoc from a value. Set textContent, or build the elements.',
  },
  {
    selector: `CallExpression[callee.property.name='insertAdjacentHTML']:not(${isSafe('arguments.1')})`,
    message: 'Text stays text: never insertAdjacentHTML a value. Use insertAdjacentText or build the elements.',
  },
  {
    selector: `CallExpression[callee.property.name=/^(setHTMLUnsafe|createContextualFragment|parseHTMLUnsafe)$/]:not(${isSafe('arguments.0')}), CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]`,
    message: 'Text stays text: never parse a value as HTML. Set textContent, or build the elements.',
  },
];
// Leaflet takes a string as HTML in tooltips, popups, icons and attributions (also as the content,
// attribution or prefix option of an object literal handed to a call); an `html` key is HTML for
// Leaflet's divIcon and for the staff calendar's content callbacks alike, wherever it is written.
const leafletSinks = [
  {
    selector: `CallExpression[callee.property.name=/^(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent|addAttribution|setPrefix)$/]:not(${isSafe('arguments.0')})`,
    message: 'Text stays text: Leaflet sets a string as innerHTML. Pass textNode(text) from kiosk/map-text.ts, or a literal.',
  },
  {
    selector: `Property[key.name='html']:not(${isSafe('value')}), :matches(CallExpression, NewExpression) > ObjectExpression > Property[key.name=/^(content|attribution|prefix)$/]:not(${isSafe('value')})`,
    message: 'Text stays text: Leaflet and the calendar take html (and Leaflet content, attribution and prefix) options as HTML. Pass textNode(text) or a literal, or plain text where the library takes it.',
  },
  {
    selector: "SvelteDirective[kind='Binding'][key.name.name=/^(innerHTML|outerHTML)$/]",
    message: 'Text stays text: bind:innerHTML parses the bound value as HTML. Bind textContent instead.',
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { projectService: false, extraFileExtensions: ['.svelte'], parser: tseslint.parser, svelteConfig },
    },
    rules: {
      'svelte/no-at-html-tags': 'error',
      // Collections here are replaced whole ($derived, $state.raw) or are plain element registries,
      // never mutated as reactive state, so SvelteMap's per-key tracking would be pure overhead.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,svelte}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: rendererForbidden }] },
  },
  // One no-restricted-syntax list per file (a later block would replace, not extend, an earlier
  // one): HTML sinks everywhere, plus the Leaflet sinks where the UI lives (core has no DOM at all).
  { files: ['**/*.{ts,mts,js,mjs,svelte}'], rules: { 'no-restricted-syntax': ['error', ...htmlSinks] } },
  { files: ['src-renderer/**/*.{ts,svelte}'], ignores: ['src-renderer/core/**'], rules: { 'no-restricted-syntax': ['error', ...htmlSinks, ...leafletSinks] } },
  {
    // Screens reach data through the one store (db/store.ts): reads from the kiosk's copy, writes to the
    // hub. No component opens Dexie tables or transactions, and none can write the copy behind the
    // hub's back. Types of the db layer (row shapes, plans) may still be named. The staff desk is a
    // screen like the others: its own store (a copy of its own) comes from db/store too.
    files: ['src-renderer/kiosk/**/*.{ts,svelte}', 'src-renderer/follow/**/*.{ts,svelte}', 'src-renderer/staff/**/*.{ts,svelte}'],
    // The follow-up page's own memory of recent paths and its wallet (issue 12: the phone's key, its
    // badges, ticked playlist steps) are separate databases on the phone, not the site copy.
    ignores: ['src-renderer/follow/recent-db.ts', 'src-renderer/follow/wallet-db.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...rendererForbidden,
            { group: ['dexie', 'dexie/*'], message: 'Screens never open Dexie: read and write through the store (db/store.ts, useStore()).' },
            {
              group: ['**/db/*', '!**/db/store', '!**/db/live.svelte'],
              allowTypeImports: true,
              message: 'Screens reach data only through the store (db/store.ts) and liveState (db/live.svelte.ts); other db modules may be imported for their types only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...rendererForbidden,
            { group: ['svelte', 'svelte/*', '*.svelte'], message: 'core is pure TypeScript: no Svelte.' },
            { group: ['dexie', 'dexie/*', '**/db/*', '../db', '../../db'], message: 'core is pure TypeScript: no Dexie, no db layer.' },
            { group: ['leaflet', 'leaflet/*', 'qrcode'], message: 'core is pure TypeScript: no DOM libraries.' },
            { group: ['**/platform/*', '**/kiosk/*', '**/follow/*'], message: 'core sits at the bottom: it imports no outer layer.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'location'],
    },
  },
  {
    // The hub is a Node service: it shares the pure core with the screens and nothing of their UI,
    // store or host bridge, and it never imports Electron (main embeds the hub, not the other way).
    files: ['src-hub/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^electron(/.*)?$', message: 'The hub runs without Electron: main embeds it, never the reverse.' },
            { group: ['**/src-main/**'], message: 'The hub never imports main-process code.' },
            { group: ['**/src-renderer/kiosk/**', '**/src-renderer/follow/**', '**/src-renderer/staff/**', '**/src-renderer/db/**', '**/src-renderer/platform/**', '*.svelte', 'svelte', 'svelte/*', 'leaflet', 'dexie'], message: 'The hub imports only src-renderer/core of the renderer: no UI, no Dexie store, no platform bridge.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src-renderer/kiosk/**', '**/src-renderer/follow/**', '**/src-renderer/staff/**', '**/src-renderer/db/**', '**/src-renderer/platform/**', '*.svelte', 'svelte', 'svelte/*', 'leaflet', 'dexie'], message: 'Main never imports renderer UI, its store or its platform bridge; shared code lives in src-renderer/core.' },
          ],
        },
      ],
    },
  },
);
