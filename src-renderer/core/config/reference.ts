// Generates the human reference (docs/config-reference.md) and the editors' JSON Schemas from the
// valibot schemas, so the documentation can never drift from what validation accepts.
// Pure: scripts/config-docs.ts writes the files, a test checks they are up to date.
import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import type { SiteFileName } from '../model';
import { FILE_SCHEMAS, NAMED_FORMATS, SHARED_TYPES } from './schema';

export const CONFIG_REFERENCE_PATH = 'docs/config-reference.md';

/** Where each file's JSON Schema lives, relative to the repository root. */
export function jsonSchemaPath(file: SiteFileName): string {
  return `kiosk-config/schema/${file.replace(/\.json$/, '.schema.json')}`;
}

/** The JSON Schema of each site file, as file text. Rules JSON Schema cannot express are left to validation. */
export function jsonSchemaFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(FILE_SCHEMAS).map(([file, schema]) => [jsonSchemaPath(file as SiteFileName), `${JSON.stringify(toJsonSchema(schema, { errorMode: 'ignore' }), null, 2)}\n`]),
  );
}

type AnySchema = v.GenericSchema & {
  pipe?: readonly { kind: string; type: string; description?: string }[];
  wrapped?: AnySchema;
  default?: unknown;
  entries?: Record<string, AnySchema>;
  item?: AnySchema;
  options?: readonly unknown[];
};

interface Field {
  /** The schemas from the outside in: optional wrapper, pipes, down to the base schema. */
  layers: AnySchema[];
  base: AnySchema;
  description: string;
  optional: boolean;
  defaultValue: unknown;
}

const FORMAT_NAMES = new Map<unknown, string>(Object.entries(NAMED_FORMATS).map(([name, schema]) => [schema, name]));
const SHARED_NAMES = new Map<unknown, string>(Object.entries(SHARED_TYPES).map(([name, schema]) => [schema, name]));

const FORMAT_DESCRIPTIONS: Record<keyof typeof NAMED_FORMATS, string> = {
  id: 'lower-case slug: a–z, 0–9 and "-", e.g. `repair-cafe`; unique per kind',
  date: '`YYYY-MM-DD`, a day in the site\'s time zone',
  'date-time': '`YYYY-MM-DDTHH:mm`, site wall-clock time, no offset',
  'date or date-time': 'either of the two above',
  colour: '`#rrggbb`',
  'positive integer': 'a whole number of 1 or more',
};

const INTRODUCTION = `# Site config reference

<!-- Generated from src-renderer/core/config/schema.ts by \`npm run config:docs\`; do not edit by hand. -->

A site is a folder \`kiosk-config/<site>/\` with four JSON files — ${Object.keys(FILE_SCHEMAS).map((file) => `\`${file}\``).join(', ')} —
and the plan image. \`npm run validate -- --site <folder>\` checks a folder and names every problem.

- Unknown fields are errors: they are nearly always typos.
- Every date and time is wall-clock time in the site's \`timeZone\`.
- Texts are [LocalizedText](#localizedtext): each must have the site's \`defaultLocale\`.
- Each file may start with \`"$schema": "../schema/<file>.schema.json"\` so editors autocomplete and check it.
- **required** fields must be given; others may be left out and take the default shown.
`;

export function configReferenceMarkdown(): string {
  const sections = [
    INTRODUCTION,
    '## Value formats\n',
    table(['Format', 'Written as'], Object.entries(FORMAT_DESCRIPTIONS).map(([name, text]) => [name, text])),
    ...Object.entries(FILE_SCHEMAS).flatMap(([file, schema]) => [`## ${file}\n`, fieldTable(schema as AnySchema)]),
    '## Shared types\n',
    ...Object.entries(SHARED_TYPES).flatMap(([name, schema]) => [`### ${name}\n`, fieldTable(baseOf(schema as AnySchema))]),
  ];
  return `${sections.join('\n').trimEnd()}\n`;
}

function fieldTable(objectSchema: AnySchema): string {
  return table(['Field', 'Type', 'Default', 'Meaning'], fieldRows(objectSchema, ''));
}

function fieldRows(objectSchema: AnySchema, prefix: string): string[][] {
  return Object.entries(objectSchema.entries ?? {})
    .filter(([key]) => key !== '$schema')
    .flatMap(([key, schema]) => {
      const field = inspect(schema);
      const path = `${prefix}${key}`;
      const row = [`\`${path}\``, typeName(field), defaultText(field), field.description];
      return [row, ...childRows(field, path)];
    });
}

/** Object fields are expanded in place; shared types are documented once, below. */
function childRows(field: Field, path: string): string[][] {
  if (isNamed(field)) return [];
  if (field.base.type === 'strict_object') return fieldRows(field.base, `${path}.`);
  if (field.base.type === 'array' && field.base.item) {
    const item = inspect(field.base.item);
    if (!isNamed(item) && item.base.type === 'strict_object') return fieldRows(item.base, `${path}[].`);
  }
  return [];
}

function inspect(schema: AnySchema): Field {
  const layers: AnySchema[] = [];
  let current: AnySchema | undefined = schema;
  let optional = false;
  let defaultValue: unknown;
  let description = '';
  while (current) {
    layers.push(current);
    if (current.type === 'optional') {
      optional = true;
      defaultValue = typeof current.default === 'function' ? (current.default as () => unknown)() : current.default;
      current = current.wrapped;
    } else if (current.pipe) {
      description ||= current.pipe.find((item) => item.type === 'description')?.description ?? '';
      const inner = current.pipe[0] as AnySchema | undefined;
      current = inner === current ? undefined : inner;
    } else {
      current = undefined;
    }
  }
  return { layers, base: baseOf(schema), description, optional, defaultValue };
}

function baseOf(schema: AnySchema): AnySchema {
  if (schema.type === 'optional' && schema.wrapped) return baseOf(schema.wrapped);
  const inner = schema.pipe?.[0] as AnySchema | undefined;
  return inner && inner !== schema ? baseOf(inner) : schema;
}

function isNamed(field: Field): boolean {
  return field.layers.some((layer) => SHARED_NAMES.has(layer) || FORMAT_NAMES.has(layer));
}

function typeName(field: Field): string {
  for (const layer of field.layers) {
    const shared = SHARED_NAMES.get(layer);
    if (shared) return `[${shared}](#${shared.toLowerCase()})`;
    const format = FORMAT_NAMES.get(layer);
    if (format) return format;
  }
  const { base } = field;
  if (base.type === 'array' && base.item) return `list of ${typeName(inspect(base.item))}`;
  if (base.type === 'picklist') return (base.options ?? []).map((option) => `\`${JSON.stringify(option)}\``).join(' \\| ');
  if (base.type === 'strict_object') return 'object';
  if (base.type === 'number' && field.layers.some((layer) => layer.pipe?.some((action) => action.type === 'integer'))) return 'integer';
  return base.type;
}

/** Short defaults are shown as JSON; long ones (themes, opening hours) are described in the meaning. */
function defaultText(field: Field): string {
  if (!field.optional) return '**required**';
  if (field.defaultValue === undefined) return '';
  const json = JSON.stringify(field.defaultValue);
  return json.length <= 40 ? `\`${json}\`` : 'see meaning';
}

function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/\n/g, ' ')).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}
