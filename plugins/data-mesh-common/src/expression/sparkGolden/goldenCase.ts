/**
 * An expression whose result Spark documents: one `SELECT <expression>` of
 * Spark's golden SQL tests (cases.json, see extract.mjs) or an example of
 * Spark's function reference (docCases.ts).
 */
export interface GoldenCase {
  /** Where Spark states the result: `<path>@<commit>` or a doc URL. */
  readonly source: string;
  /** The expression, as written in Spark SQL. */
  readonly sql: string;
  /** The result's type as Spark prints it (`decimal(6,2)`); null on error. */
  readonly sparkType: string | null;
  /** The result as Spark's test suite prints it (`NULL`, `1.0E10`); null on error. */
  readonly output: string | null;
  /** Spark's error class when Spark raises an error. */
  readonly error?: string;
}
