// The public face of the config layer: validate a site folder, and the schemas for tooling.
export { loadSiteConfig } from './load';
export type { LoadOptions } from './load';
export { rruleProblems } from './rrule';
export { FILE_SCHEMAS } from './schema';
