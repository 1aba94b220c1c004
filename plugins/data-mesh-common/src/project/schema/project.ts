import { Infer, s } from './builder';
import { formatVersion, identifier, IDENTIFIER, text } from './common';

/**
 * The dialects a pipeline compiles to.
 *
 * @public
 */
export const DIALECTS = ['spark', 'duckdb', 'pyspark'] as const;

/** `meshwork.yaml`: the project itself. */
export const projectFileSchema = s.object({
  formatVersion: formatVersion(),
  name: s.string({
    pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/,
    patternName: 'a project name (lowercase words joined by -)',
  }),
  title: s.optional(s.string()),
  owner: s.string({
    pattern: /^(group:)?([a-z0-9-]+\/)?[A-Za-z0-9][A-Za-z0-9._-]*$/,
    patternName: 'a group reference such as group:default/sales',
  }),
  domain: text(),
  system: s.optional(text()),
  standardsVersion: s.optional(
    text().describe('Version of the platform standards the project follows.'),
  ),
  engine: s.object({
    defaultDialect: s.enum(DIALECTS),
    targets: s.record(
      s.object({
        warehouse: s.optional(text()),
        catalog: identifier(),
        schema: identifier(),
      }),
      IDENTIFIER,
    ),
  }),
});

/**
 * The content of `meshwork.yaml`.
 *
 * @public
 */
export type ProjectFile = Infer<typeof projectFileSchema>;
