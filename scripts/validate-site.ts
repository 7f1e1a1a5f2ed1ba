// Checks a site folder the way the kiosk will: `npm run validate -- [--site <dir>]`.
// Prints a short summary, or every problem as `file: path: message`; exits 1 on errors.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSiteConfig } from '../src-renderer/core/config';
import type { ConfigError, SiteBundle } from '../src-renderer/core/model';
import { SITE_FILES } from '../src-renderer/core/model';
import { expandAll } from '../src-renderer/core/schedule';

const WEEK_MS = 7 * 24 * 60 * 60_000;

function readSiteFolder(folder: string): SiteBundle {
  const read = (file: string) => (existsSync(join(folder, file)) ? readFileSync(join(folder, file), 'utf8') : null);
  return { source: folder, files: Object.fromEntries(SITE_FILES.map((file) => [file, read(file)])) as SiteBundle['files'] };
}

function formatProblem({ file, path, message }: ConfigError): string {
  return path ? `${file}: ${path}: ${message}` : `${file}: ${message}`;
}

const { values } = parseArgs({ options: { site: { type: 'string', default: 'kiosk-config/regina-mundi' } } });
const folder = values.site;
const now = Date.now();
const result = loadSiteConfig(readSiteFolder(folder), { now });

if (result.ok) {
  const { spaces, organisations, activities } = result.config;
  const occurrences = expandAll(result.config, now, now + WEEK_MS);
  for (const warning of result.warnings) console.warn(`warning: ${formatProblem(warning)}`);
  console.log(`OK: ${spaces.length} spaces, ${organisations.length} organisations, ${activities.length} activities, ${occurrences.length} occurrences in the next 7 days`);
} else {
  for (const error of result.errors) console.error(formatProblem(error));
  console.error(`${folder}: ${result.errors.length} ${result.errors.length === 1 ? 'problem' : 'problems'}`);
  process.exitCode = 1;
}
