// Writes docs/config-reference.md and kiosk-config/schema/*.schema.json from the config schema.
// Run after changing src-renderer/core/config/schema.ts: `npm run config:docs`.
// A unit test fails while the committed files differ from what this would write.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_REFERENCE_PATH, configReferenceMarkdown, jsonSchemaFiles } from '../src-renderer/core/config/reference';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputs: Record<string, string> = { [CONFIG_REFERENCE_PATH]: configReferenceMarkdown(), ...jsonSchemaFiles() };

for (const [path, text] of Object.entries(outputs)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path}`);
}
