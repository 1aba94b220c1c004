/**
 * The SQL dialects expressions are rendered to, and the small pieces of
 * syntax in which they differ: identifier quoting, string literals and type
 * names.
 */
import { DUCKDB_QUOTED_WORDS, SPARK_QUOTED_WORDS } from './keywords';
import { SqlType } from './types';

/**
 * A target SQL dialect: Spark SQL (Databricks) or DuckDB.
 *
 * @public
 */
export type SqlDialect = 'spark' | 'duckdb';

/**
 * When names are quoted. `when-needed` (the default) quotes names that are
 * not plain ASCII words or that are keywords of the dialect, which keeps
 * generated SQL readable; `always` quotes every name.
 *
 * @public
 */
export type IdentifierQuoting = 'when-needed' | 'always';

/**
 * How tightly rendered SQL binds, loosest first. A renderer wraps an operand
 * in parentheses when the operand binds more loosely than its position
 * requires.
 *
 * @public
 */
export const Precedence = {
  or: 1,
  and: 2,
  not: 3,
  predicate: 4,
  comparison: 5,
  additive: 6,
  multiplicative: 7,
  unary: 8,
  postfix: 9,
  primary: 10,
} as const;

/**
 * DuckDB binds `||` more loosely than `+` and `-` (it sits between them and
 * the comparisons, as in PostgreSQL); in Spark all three bind alike.
 */
export const DUCKDB_CONCAT_PRECEDENCE = Precedence.comparison + 0.5;

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `name` as an identifier of `dialect`: \`order id\` in Spark,
 * `"order id"` in DuckDB, and `customer_id` unquoted when quoting is not
 * needed.
 *
 * @public
 */
export function quoteIdentifier(
  name: string,
  dialect: SqlDialect,
  quoting: IdentifierQuoting = 'when-needed',
): string {
  const keywords =
    dialect === 'spark' ? SPARK_QUOTED_WORDS : DUCKDB_QUOTED_WORDS;
  const needsQuotes =
    quoting === 'always' ||
    !PLAIN_NAME.test(name) ||
    keywords.has(name.toUpperCase());
  if (!needsQuotes) return name;
  return dialect === 'spark'
    ? `\`${name.replace(/`/g, '``')}\``
    : `"${name.replace(/"/g, '""')}"`;
}

const SPARK_STRING_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * DuckDB has no escapes in string literals: control characters (a line
 * break above all) are written as `chr(n)` so that generated SQL never
 * breaks a line inside a literal, which code layout could then change.
 */
function duckDbStringLiteral(value: string): string {
  const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
  if (![...value].some(ch => ch.charCodeAt(0) < 0x20)) return quote(value);
  const parts: string[] = [];
  let run = '';
  for (const ch of value) {
    if (ch.charCodeAt(0) < 0x20) {
      if (run) parts.push(quote(run));
      run = '';
      parts.push(`chr(${ch.charCodeAt(0)})`);
    } else {
      run += ch;
    }
  }
  if (run) parts.push(quote(run));
  return `(${parts.join(' || ')})`;
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
  dialect: SqlDialect,
): string {
  if (dialect === 'duckdb') return duckDbStringLiteral(value);
  let escaped = '';
  for (const ch of value) {
    const control = ch.charCodeAt(0) < 0x20;
    escaped +=
      SPARK_STRING_ESCAPES[ch] ??
      (control ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch);
  }
  return `'${escaped}'`;
}

/**
 * The type's name in `dialect`, as used in `CAST(x AS …)`.
 *
 * @public
 */
export function renderSqlType(type: SqlType, dialect: SqlDialect): string {
  const spark = dialect === 'spark';
  switch (type.kind) {
    case 'string':
      return spark ? 'STRING' : 'VARCHAR';
    case 'int':
      return spark ? 'INT' : 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE';
    case 'decimal':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'array':
      return spark
        ? `ARRAY<${renderSqlType(type.element, dialect)}>`
        : `${renderSqlType(type.element, dialect)}[]`;
    default:
      throw new Error(`type ${type.kind} has no SQL name`);
  }
}
