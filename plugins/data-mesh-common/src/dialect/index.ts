/**
 * The SQL dialects the compiler writes, each one object: quoting,
 * literals, types, the rendering of expressions and functions, statements
 * and masking (the way sqlglot keeps a dialect with its transforms).
 */
import { duckDbDialect } from './duckdb';
import { sparkSqlDialect } from './spark';
import type { SqlDialect, SqlDialectName } from './SqlDialect';

export type {
  IdentifierQuoting,
  MergeStatementParts,
  NullOrder,
  NumberLiteral,
  SqlDialect,
  SqlDialectName,
} from './SqlDialect';
export { duckDbDialect } from './duckdb';
export { sparkSqlDialect } from './spark';

const DIALECTS: Readonly<Record<SqlDialectName, SqlDialect>> = {
  spark: sparkSqlDialect,
  duckdb: duckDbDialect,
};

/**
 * The names of the SQL dialects, in the order the docs list them.
 *
 * @public
 */
export const SQL_DIALECT_NAMES: readonly SqlDialectName[] = Object.keys(
  DIALECTS,
) as SqlDialectName[];

/**
 * The dialect called `name`.
 *
 * @throws Error when there is no dialect of that name (a name that did not
 * come through the type checker, from config or a file).
 * @public
 */
export function sqlDialect(name: SqlDialectName): SqlDialect {
  const dialect = Object.prototype.hasOwnProperty.call(DIALECTS, name)
    ? DIALECTS[name]
    : undefined;
  if (!dialect) {
    throw new Error(
      `unknown SQL dialect '${name}'; expected one of ${SQL_DIALECT_NAMES.join(
        ', ',
      )}`,
    );
  }
  return dialect;
}
