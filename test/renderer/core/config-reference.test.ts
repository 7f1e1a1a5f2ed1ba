// The committed reference and JSON Schemas must match what the schema generates today.
// When this fails, run `npm run config:docs` and commit the result.
import { describe, expect, it } from 'vitest';
import { configReferenceMarkdown, jsonSchemaFiles } from '../../../src-renderer/core/config/reference';
import committedReference from '../../../docs/config-reference.md?raw';
import committedSite from '../../../kiosk-config/schema/site.schema.json?raw';
import committedSpaces from '../../../kiosk-config/schema/spaces.schema.json?raw';
import committedOrganisations from '../../../kiosk-config/schema/organisations.schema.json?raw';
import committedActivities from '../../../kiosk-config/schema/activities.schema.json?raw';

describe('generated config documentation', () => {
  it('docs/config-reference.md is up to date (run `npm run config:docs`)', () => {
    expect(committedReference).toBe(configReferenceMarkdown());
  });

  it('kiosk-config/schema/*.schema.json are up to date (run `npm run config:docs`)', () => {
    expect({
      'kiosk-config/schema/site.schema.json': committedSite,
      'kiosk-config/schema/spaces.schema.json': committedSpaces,
      'kiosk-config/schema/organisations.schema.json': committedOrganisations,
      'kiosk-config/schema/activities.schema.json': committedActivities,
    }).toEqual(jsonSchemaFiles());
  });

  it('documents every field', () => {
    const undocumented = configReferenceMarkdown()
      .split('\n')
      .filter((line) => /^\| `/.test(line) && line.trimEnd().endsWith('|  |'));
    expect(undocumented).toEqual([]);
  });
});
