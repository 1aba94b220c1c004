import type { SqlDialect } from '../../expression';
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
export type MaskTemplate = Readonly<Record<SqlDialect, string>>;

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

/**
 * The platform defaults. A template must produce the type schema
 * propagation gives the column: a string for hash and encrypt, the column's
 * own type for redact and anonymize (so these two defaults, which write
 * text, apply to string columns only).
 *
 * DuckDB has no AES, so a local run "encrypts" with a SHA-256 hash marked
 * `sha256:`: one-way, and never equal to what Spark writes.
 *
 * @public
 */
export const DEFAULT_MASK_TEMPLATES: Readonly<
  Record<MaskMethod, MaskTemplate>
> = {
  hash: {
    spark: 'sha2(CAST({{column}} AS STRING), 256)',
    duckdb: 'sha256(CAST({{column}} AS VARCHAR))',
  },
  redact: {
    spark: "CASE WHEN {{column}} IS NOT NULL THEN '[REDACTED]' END",
    duckdb: "CASE WHEN {{column}} IS NOT NULL THEN '[REDACTED]' END",
  },
  anonymize: {
    spark: "left({{column}}, 1) || '****'",
    duckdb: "left({{column}}, 1) || '****'",
  },
  encrypt: {
    spark:
      "base64(aes_encrypt(CAST({{column}} AS STRING), secret('meshwork', 'mask-key'), 'GCM'))",
    duckdb: "'sha256:' || sha256(CAST({{column}} AS VARCHAR))",
  },
};

/** The default templates that only produce strings. */
export const STRING_ONLY_METHODS: ReadonlySet<MaskMethod> = new Set([
  'redact',
  'anonymize',
]);
