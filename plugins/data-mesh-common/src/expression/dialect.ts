/**
 * Shorthands for the pieces of SQL syntax the dialects differ in, for
 * callers that hold a dialect's name rather than the dialect object
 * (`sqlDialect(name)`), which has them all.
 */
import { sqlDialect } from '../dialect';
import type { IdentifierQuoting, SqlDialectName } from '../dialect';
import { SqlType } from './types';

/**
 * `name` as an identifier of `dialect`: \`order id\` in Spark,
 * `"order id"` in DuckDB, and `customer_id` unquoted when quoting is not
 * needed.
 *
 * @public
 */
export function quoteIdentifier(
  name: string,
  dialect: SqlDialectName,
  quoting: IdentifierQuoting = 'when-needed',
): string {
  return sqlDialect(dialect).quoteIdentifier(name, quoting);
}

/**
 * A string literal with `value` as its content. Spark reads backslash
 * escapes in string literals, DuckDB does not, so the same value is written
 * differently: `'C:\\temp'` in Spark is `'C:\temp'` in DuckDB.
 *
 * @public
 */
export function renderStringLiteral(
  value: string,
  dialect: SqlDialectName,
): string {
  return sqlDialect(dialect).stringLiteral(value);
}

/**
 * The type's name in `dialect`, as used in `CAST(x AS …)`.
 *
 * @public
 */
export function renderSqlType(type: SqlType, dialect: SqlDialectName): string {
  return sqlDialect(dialect).typeName(type);
}
