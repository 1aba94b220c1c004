import { Infer, s } from '../project/schema/builder';
import {
  expression,
  formatVersion,
  identifier,
  sqlType,
  text,
} from '../project/schema/common';

/**
 * The types a standard function's parameter may declare: those the
 * expression type checker matches arguments against exactly (with Spark's
 * implicit conversions: an int for a bigint, a timestamp for a date).
 *
 * @public
 */
export const STANDARD_FUNCTION_PARAMETER_TYPES = [
  'string',
  'boolean',
  'int',
  'bigint',
  'double',
  'date',
  'timestamp',
] as const;

/** One masking template: SQL per dialect in which `{{column}}` is the column. */
const maskTemplate = () =>
  s.object({
    spark: s.optional(text()),
    duckdb: s.optional(text()),
  });

/** A scalar function the platform adds to the expression language. */
const standardFunction = () =>
  s.object({
    name: identifier(),
    description: text(),
    parameters: s.array(
      s.object({
        name: identifier(),
        type: s.enum(STANDARD_FUNCTION_PARAMETER_TYPES),
      }),
      { minItems: 1 },
    ),
    returns: sqlType(),
    body: expression().describe(
      'The result, in the expression language, reading the parameters by name. Inlined at every call, so it is written in each dialect by the function mapping table.',
    ),
    example: expression().describe('A sample call, for the docs.'),
  });

/**
 * `templates/standards/<version>/standards.yaml`: one version of the
 * platform standards library. Its rules and subgraphs are the files of
 * the version's `rules/` and `subgraphs/` folders, as in a data project.
 *
 * @public
 */
export const standardsFileSchema = s.object({
  formatVersion: formatVersion(),
  version: s.string({
    pattern: /^[0-9]{4}\.[0-9]+$/,
    patternName: 'a standards version (year.release, such as 2026.1)',
  }),
  description: s.optional(s.string()),
  masks: s.optional(
    s.object({
      hash: s.optional(maskTemplate()),
      redact: s.optional(maskTemplate()),
      anonymize: s.optional(maskTemplate()),
      encrypt: s.optional(maskTemplate()),
    }),
  ),
  functions: s.optional(s.array(standardFunction())),
});

/**
 * The content of a `standards.yaml`.
 *
 * @public
 */
export type StandardsFile = Infer<typeof standardsFileSchema>;
