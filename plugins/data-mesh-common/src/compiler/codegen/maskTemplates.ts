import { SQL_DIALECT_NAMES, sqlDialect, SqlDialectName } from '../../dialect';
import type { GemConfig } from '../../project';

/**
 * How a Mask gem hides a column.
 *
 * @public
 */
export type MaskMethod = GemConfig<'Mask'>['method'];

/**
 * The SQL of one masking method per dialect: an expression in which
 * `{{column}}` stands for the (quoted) masked column.
 *
 * @public
 */
export type MaskTemplate = Readonly<Record<SqlDialectName, string>>;

/**
 * Templates by masking method. A platform passes its own through
 * `GenerateSqlOptions.maskTemplates`; those it leaves out keep the default.
 *
 * @public
 */
export type MaskTemplates = Readonly<
  Partial<Record<MaskMethod, Partial<MaskTemplate>>>
>;

/** Stands for the masked column in a template. */
export const MASK_COLUMN_PLACEHOLDER = '{{column}}';

/** Each dialect's default template for `method`. */
function dialectTemplates(method: MaskMethod): MaskTemplate {
  return Object.fromEntries(
    SQL_DIALECT_NAMES.map(name => [
      name,
      sqlDialect(name).maskTemplates[method],
    ]),
  ) as Record<SqlDialectName, string>;
}

/**
 * The platform defaults, from each dialect's `maskTemplates`. A template
 * must produce the type schema propagation gives the column: a string for
 * hash and encrypt, the column's own type for redact and anonymize (so
 * these two defaults, which write text, apply to string columns only).
 *
 * DuckDB has no AES, so a local run "encrypts" with a SHA-256 hash marked
 * `sha256:`: one-way, and never equal to what Spark writes.
 *
 * @public
 */
export const DEFAULT_MASK_TEMPLATES: Readonly<
  Record<MaskMethod, MaskTemplate>
> = {
  hash: dialectTemplates('hash'),
  redact: dialectTemplates('redact'),
  anonymize: dialectTemplates('anonymize'),
  encrypt: dialectTemplates('encrypt'),
};

/** The default templates that only produce strings. */
export const STRING_ONLY_METHODS: ReadonlySet<MaskMethod> = new Set([
  'redact',
  'anonymize',
]);
