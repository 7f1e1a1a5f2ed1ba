// Validates a site folder into a SiteConfig, or into every problem found, in plain words.
// Order: each file read and parsed, each file against its schema, then the rules across files.
// All problems are collected in one pass (a person fixes them in one go) and nothing ever throws:
// the kiosk keeps serving its last good config and shows staff this list instead.
import * as v from 'valibot';
import type { ConfigResult, SiteBundle, SiteConfig, SiteFileName } from '../model';
import { SITE_FILES } from '../model';
import { buildActivity, buildOrganisation, buildSite, buildSpace } from './build';
import type { CheckedFiles, Indexed } from './checks';
import {
  checkActivities,
  checkBookingRules,
  checkDefaultLocale,
  checkDuplicateIds,
  checkFeeds,
  checkLearning,
  checkIdRefCollisions,
  checkOrganisations,
  checkPlanBounds,
  checkSite,
  checkGeoTiles,
  checkPlacesInTileArea,
  scheduleEntryProblems,
} from './checks';
import { checkSpaceClashes } from './clashes';
import { isKnownTimeZone } from './formats';
import { issueToError } from './issues';
import { ProblemReport, sortProblems } from './report';
import type { SiteInput } from './schema';
import { FILE_SCHEMAS, ITEM_SCHEMAS } from './schema';

// One message per problem: a value that is not a date is not also "not a real date", and an object
// with a broken field is not also checked as a whole.
const PARSE_CONFIG = { abortPipeEarly: true } as const;

export interface LoadOptions {
  /** The moment the clash check's horizon starts from (epoch ms); defaults to the current time. */
  now?: number;
}

export function loadSiteConfig(bundle: SiteBundle, options: LoadOptions = {}): ConfigResult {
  const report = new ProblemReport();
  let config: SiteConfig | undefined;
  report.guard('site.json', 'checking the site folder', () => {
    config = validate(bundle, options.now ?? Date.now(), report);
  });
  if (config && report.errors.length === 0) return { ok: true, config, warnings: sortProblems(report.warnings) };
  return { ok: false, errors: sortProblems(report.errors) };
}

function validate(bundle: SiteBundle, now: number, report: ProblemReport): SiteConfig | undefined {
  const documents = Object.fromEntries(SITE_FILES.map((file) => [file, readJson(bundle, file, report)])) as Record<SiteFileName, unknown>;
  for (const file of SITE_FILES) {
    if (documents[file] === undefined) continue;
    report.guard(file, `checking ${file} against its schema`, () => {
      for (const issue of v.safeParse(FILE_SCHEMAS[file], documents[file], PARSE_CONFIG).issues ?? []) report.errors.push(issueToError(file, issue));
    });
  }
  const files = { ...collectValidItems(documents, report), unreadable: new Set(SITE_FILES.filter((file) => documents[file] === undefined)) };
  runCrossChecks(files, report);
  const site = files.site;
  if (!site) return undefined;
  const config = buildConfig({ ...files, site });
  report.guard('activities.json', 'looking for overlapping sessions', () => checkClashesOf(config, files, now, report));
  return report.errors.length === 0 ? config : undefined;
}

/** Parses one file; a missing or unparsable file yields undefined and an error. */
function readJson(bundle: SiteBundle, file: SiteFileName, report: ProblemReport): unknown {
  const text = bundle.files[file];
  if (text === null || text === undefined) {
    report.error(file, '', `${file} is missing from the site folder ${bundle.source}`);
    return undefined;
  }
  // Editors on Windows like to start a file with a byte-order mark, which JSON.parse refuses.
  const json = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    report.error(file, '', describeJsonError(json, error));
    return undefined;
  }
}

/** "invalid JSON at line 3, column 5: …", from the position or line/column the engine reports. */
export function describeJsonError(json: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.replace(/\s*(in JSON )?at position \d+.*$/s, '').replace(/\s*at line \d+ column \d+.*$/s, '');
  const position = /at position (\d+)/.exec(message);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (position) {
    const before = json.slice(0, Number(position[1])).split('\n');
    return `invalid JSON at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}: ${reason}`;
  }
  if (lineColumn) return `invalid JSON at line ${lineColumn[1]}, column ${lineColumn[2]}: ${reason}`;
  return `invalid JSON: ${reason}`;
}

/** The schema-valid items of each file with their positions, plus every declared id. */
function collectValidItems(documents: Record<SiteFileName, unknown>, report: ProblemReport): CheckedFiles {
  const siteResult = v.safeParse(FILE_SCHEMAS['site.json'], documents['site.json'], PARSE_CONFIG);
  const listOf = (file: SiteFileName, key: string): unknown[] => {
    const list = (documents[file] as Record<string, unknown> | undefined)?.[key];
    return Array.isArray(list) ? list : [];
  };
  const spaces = listOf('spaces.json', 'spaces');
  const organisations = listOf('organisations.json', 'organisations');
  const activities = listOf('activities.json', 'activities');
  return {
    ...(siteResult.success ? { site: siteResult.output } : {}),
    spaces: validItems(spaces, ITEM_SCHEMAS.Space),
    organisations: validItems(organisations, ITEM_SCHEMAS.Organisation),
    activities: validItems(activities, ITEM_SCHEMAS.Activity),
    declaredIds: {
      spaces: checkDuplicateIds('spaces.json', 'spaces', 'space', spaces, report),
      organisations: checkDuplicateIds('organisations.json', 'organisations', 'organisation', organisations, report),
      activities: checkDuplicateIds('activities.json', 'activities', 'activity', activities, report),
    },
  };
}

function validItems<TSchema extends v.GenericSchema>(items: readonly unknown[], schema: TSchema): Indexed<v.InferOutput<TSchema>>[] {
  return items.flatMap((item, index) => {
    const result = v.safeParse(schema, item, PARSE_CONFIG);
    return result.success ? [{ index, value: result.output }] : [];
  });
}

function runCrossChecks(files: CheckedFiles, report: ProblemReport): void {
  const { site } = files;
  if (site) {
    const withSite = { ...files, site };
    report.guard('site.json', 'checking the site', () => checkSite(site, report));
    report.guard('site.json', 'checking the map tiles', () => checkGeoTiles(site, report));
    report.guard('site.json', 'checking the places against the map tiles', () => checkPlacesInTileArea(withSite, report));
    report.guard('site.json', 'checking the default language', () => checkDefaultLocale(withSite, report));
    report.guard('spaces.json', 'checking the plan positions', () => checkPlanBounds(withSite, report));
    report.guard('site.json', 'checking the feeds', () => checkFeeds(withSite, report));
    report.guard('site.json', 'checking mentors, badges and playlists', () => checkLearning(withSite, report));
  }
  report.guard('spaces.json', 'checking the booking rules', () => checkBookingRules(files.spaces, report));
  report.guard('organisations.json', 'checking the organisations', () => checkOrganisations(files.organisations, report));
  report.guard('activities.json', 'checking the activities', () => checkActivities(files, report));
  report.guard('activities.json', 'checking the follow-up references', () => {
    checkIdRefCollisions('activities.json', 'activity', files.declaredIds.activities, report);
    checkIdRefCollisions('spaces.json', 'space', files.declaredIds.spaces, report);
  });
}

/** The model of every valid item; it is only handed out when there were no errors at all. */
function buildConfig(files: CheckedFiles & { site: SiteInput }): SiteConfig {
  const { site, levels, themes, feeds, mentors, achievements, playlists, badges } = buildSite(files.site);
  const organisations = files.organisations.map(({ value }) => buildOrganisation(value));
  const organisationsById = new Map(organisations.map((organisation) => [organisation.id, organisation]));
  const spaces = files.spaces.map(({ value }) => buildSpace(value, site.openingHours));
  const activities = files.activities.map(({ value }) => buildActivity(value, site.defaultLocale, organisationsById.get(value.organiser)));
  return { site, levels, themes, spaces, organisations, activities, feeds, mentors, achievements, playlists, badges };
}

/** Clashes are looked for among the activities whose schedules are sound; the rest have errors already. */
function checkClashesOf(config: SiteConfig, files: CheckedFiles, now: number, report: ProblemReport): void {
  if (!isKnownTimeZone(config.site.timeZone)) return;
  const activities = config.activities
    .map((value, position) => ({ index: files.activities[position]?.index ?? position, value }))
    .filter(({ value }) => value.schedule.every((entry) => scheduleEntryProblems(entry).length === 0));
  checkSpaceClashes({ site: config.site, spaces: config.spaces, organisations: config.organisations, activities, now }, report);
}
