import { Infer, s } from './builder';
import {
  fileName,
  formatVersion,
  identifier,
  sqlType,
  tableName,
  text,
} from './common';

/** Quality rules of a contract, discriminated on `check`. */
export const qualityRuleSchema = s.union('check', {
  not_null: s.object({ check: s.literal('not_null'), column: identifier() }),
  unique: s.object({
    check: s.literal('unique'),
    columns: s.array(identifier(), { minItems: 1 }),
  }),
  accepted_values: s.object({
    check: s.literal('accepted_values'),
    column: identifier(),
    values: s.array(s.scalar(), { minItems: 1 }),
  }),
  range: s.object({
    check: s.literal('range'),
    column: identifier(),
    min: s.optional(s.number()),
    max: s.optional(s.number()),
  }),
  regex: s.object({
    check: s.literal('regex'),
    column: identifier(),
    pattern: text(),
  }),
  row_count: s.object({
    check: s.literal('row_count'),
    min: s.optional(s.integer({ minimum: 0 })),
    max: s.optional(s.integer({ minimum: 0 })),
  }),
  custom_sql: s.object({
    check: s.literal('custom_sql'),
    description: text(),
    sql: text().describe(
      'A query returning the offending rows; none means the check passes.',
    ),
  }),
  freshness: s.object({
    check: s.literal('freshness'),
    column: identifier(),
    maxAgeHours: s.number({ minimum: 0 }),
  }),
});

/**
 * Sensitivity of a column; drives masking and access.
 *
 * @public
 */
export const CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'pii',
] as const;

/** `datasets/<name>.dataset.yaml`: a table and its contract. */
export const datasetFileSchema = s.object({
  formatVersion: formatVersion(),
  name: fileName(),
  table: tableName(),
  layer: s.enum(['bronze', 'silver', 'gold'] as const),
  visibility: s.enum(['internal', 'published'] as const),
  owner: text().describe('Owning group, e.g. group:default/sales-analytics.'),
  description: s.optional(s.string()),
  contract: s.object({
    columns: s.array(
      s.object({
        name: identifier(),
        type: sqlType(),
        description: s.optional(s.string()),
        classification: s.optional(s.enum(CLASSIFICATIONS)),
        tags: s.optional(s.array(text())),
      }),
      { minItems: 1 },
    ),
    quality: s.optional(s.array(qualityRuleSchema)),
    sla: s.optional(s.object({ freshnessHours: s.number({ minimum: 0 }) })),
  }),
});

/**
 * The content of a dataset file.
 *
 * @public
 */
export type DatasetFile = Infer<typeof datasetFileSchema>;
/**
 * One quality rule of a dataset contract.
 *
 * @public
 */
export type QualityRule = Infer<typeof qualityRuleSchema>;
