import { gemDefinitions } from './gems';
import type { JsonSchema } from './schema/builder';
import { FILE_NAME, IDENTIFIER } from './schema/common';

type Row = {
  field: string;
  type: string;
  required: boolean;
  description: string;
};

/** A short human name for a JSON Schema's type. */
function typeName(schema: JsonSchema): string {
  if (schema.format === 'spark-sql-expression') return 'expression';
  if (schema.format === 'spark-sql-type') return 'SQL type';
  if (Array.isArray(schema.enum))
    return schema.enum.map(v => `\`${v}\``).join(' \\| ');
  if ('const' in schema) return `\`${schema.const}\``;
  if (Array.isArray(schema.type)) return 'scalar';
  switch (schema.type) {
    case 'string':
      if (schema.pattern === IDENTIFIER.source) return 'name';
      return schema.pattern === FILE_NAME.source ? 'file name' : 'string';
    case 'array': {
      const items = schema.items as JsonSchema;
      const min = schema.minItems ? ` (≥ ${schema.minItems})` : '';
      return items.type === 'object' && items.properties
        ? `list${min}`
        : `list of ${typeName(items)}${min}`;
    }
    case 'object':
      return schema.properties
        ? 'mapping'
        : `mapping of name → ${typeName(
            schema.additionalProperties as JsonSchema,
          )}`;
    case 'integer':
      return schema.minimum !== undefined
        ? `integer ≥ ${schema.minimum}`
        : 'integer';
    default:
      return String(schema.type);
  }
}

function rows(schema: JsonSchema, prefix: string): Row[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([key, property]) => {
    const field = `${prefix}${key}`;
    const row: Row = {
      field,
      type: typeName(property),
      required: required.has(key),
      description: String(property.description ?? ''),
    };
    const items =
      property.type === 'array' ? (property.items as JsonSchema) : undefined;
    if (items?.properties) return [row, ...rows(items, `${field}[].`)];
    if (property.properties) return [row, ...rows(property, `${field}.`)];
    return [row];
  });
}

/**
 * The reference of every gem's config and ports as Markdown, generated from
 * the gem definitions; docs/pipeline-format.md embeds it (a test keeps the
 * two equal).
 *
 * @public
 */
export function gemReferenceMarkdown(): string {
  return Object.values(gemDefinitions)
    .map(gem => {
      const table = rows(gem.config.toJsonSchema(), '').map(
        row =>
          `| \`${row.field}\` | ${row.type} | ${row.required ? 'yes' : ''} | ${
            row.description
          } |`,
      );
      return [
        `### ${gem.type}`,
        '',
        `${gem.description} Ports: ${gem.portsSummary}.`,
        '',
        '| Field | Type | Required | Notes |',
        '| --- | --- | --- | --- |',
        ...table,
      ].join('\n');
    })
    .join('\n\n');
}
