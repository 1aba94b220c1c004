/**
 * DuckDB, the embedded warehouse of local runs. Where DuckDB's SQL means
 * something else than the same Spark SQL (casts, division, LIKE escapes,
 * NULL ordering, array indexes), the rendering spells out Spark's meaning.
 */
import { DUCKDB_QUOTED_WORDS } from '../expression/keywords';
import { literalType } from '../expression/literals';
import {
  DUCKDB_CONCAT_PRECEDENCE,
  parenthesize,
  Precedence,
  predicate,
  primary,
} from '../expression/precedence';
import { isIntegralType, SqlType, SqlTypes } from '../expression/types';
import {
  castWith,
  catalogueRenderings,
  functionRendererOf,
  identifierQuoter,
  mergeInto,
  plainArithmetic,
  plainLike,
} from './shared';
import type { NumberLiteral, SqlDialect } from './SqlDialect';

/**
 * DuckDB has no escapes in string literals: control characters (a line
 * break above all) are written as `chr(n)` so that generated SQL never
 * breaks a line inside a literal, which code layout could then change.
 */
function stringLiteral(value: string): string {
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

function typeName(type: SqlType): string {
  switch (type.kind) {
    case 'string':
      return 'VARCHAR';
    case 'int':
      return 'INTEGER';
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
      return `${typeName(type.element)}[]`;
    default:
      throw new Error(`type ${type.kind} has no SQL name`);
  }
}

/**
 * Whether DuckDB gives a number literal written without a suffix the type
 * Spark gives it: exponents are doubles and points decimals in both, and
 * whole numbers are int or bigint by size in both.
 */
function isPlainNumber(value: NumberLiteral, type: SqlType): boolean {
  if (value.type === 'double') return /[eE]/.test(value.text);
  if (value.type === 'decimal') return value.text.includes('.');
  return type.kind === 'int' || (type.kind === 'bigint' && !value.suffix);
}

const JOIN_KEYWORDS = {
  inner: 'INNER JOIN',
  left: 'LEFT JOIN',
  right: 'RIGHT JOIN',
  full: 'FULL OUTER JOIN',
  semi: 'SEMI JOIN',
  anti: 'ANTI JOIN',
} as const;

/** Hashes DuckDB has under names of its own, which local templates use. */
const HASH_FUNCTIONS = new Set(['sha256', 'sha1', 'md5', 'md5_number', 'hash']);

/**
 * DuckDB.
 *
 * @public
 */
export const duckDbDialect: SqlDialect = {
  name: 'duckdb',
  displayName: 'DuckDB',
  sqlName: 'DuckDB SQL',
  polyglotDialect: 'DuckDB',
  needsTypes: true,

  quoteIdentifier: identifierQuoter(DUCKDB_QUOTED_WORDS, '"'),
  stringLiteral,
  numberLiteral(value) {
    // DuckDB has no suffixes; it types plain literals as Spark does,
    // except for the few cases a suffix or size decides. It reads a
    // leading minus as an operator.
    const type = literalType(value);
    if (!isPlainNumber(value, type)) {
      return primary(this.castSql(value.text, type));
    }
    return {
      sql: value.text,
      precedence: value.text.startsWith('-')
        ? Precedence.unary
        : Precedence.primary,
    };
  },
  // DuckDB does not read a sign before the interval's number.
  intervalLiteral: (value, unit) =>
    value >= 0 ? `INTERVAL ${value} ${unit}` : `INTERVAL '${value}' ${unit}`,
  // DuckDB's TIMESTAMP has no zone; tables written by DuckDB hold UTC.
  utcTimestampLiteral: time =>
    `TIMESTAMP '${time.toISOString().slice(0, 19).replace('T', ' ')}'`,
  typeName,
  castSql(sql, type, safe) {
    return castWith(this, sql, type, safe);
  },

  cast(operand, target, safe) {
    // Spark truncates fractions when casting to an integer type, DuckDB
    // rounds them.
    const { kind } = operand.type;
    const fractional = kind === 'double' || kind === 'decimal';
    return this.castSql(
      fractional && isIntegralType(target)
        ? `trunc(${operand.sql})`
        : operand.sql,
      target,
      safe,
    );
  },
  implicitConversion(operand, type) {
    // DuckDB does not convert strings to dates (or timestamps to dates)
    // implicitly where Spark does, so the conversion is written out.
    const { literal } = operand;
    if (
      literal?.type === 'string' &&
      (type.kind === 'date' || type.kind === 'timestamp')
    ) {
      return primary(`${typeName(type)} ${stringLiteral(literal.value)}`);
    }
    return primary(this.castSql(operand.sql, type));
  },
  arithmetic(operator, left, right, type) {
    const rendered = plainArithmetic(operator, left, right);
    // DuckDB's date ± interval is a timestamp; Spark's is a date.
    const interval =
      left.type.kind === 'interval' || right.type.kind === 'interval';
    return type.kind === 'date' && interval
      ? primary(this.castSql(rendered.sql, SqlTypes.date))
      : rendered;
  },
  integralDivision(left, right) {
    const precedence = Precedence.multiplicative;
    const l = left.operand(precedence);
    const r = right.operand(precedence + 1);
    const integral = [left, right].every(
      side => isIntegralType(side.type) || side.type.kind === 'null',
    );
    // DuckDB's // divides decimals exactly; Spark's DIV truncates to bigint.
    return integral
      ? { sql: `${l} // ${r}`, precedence }
      : primary(this.castSql(`trunc(${l} / ${r})`, SqlTypes.bigint));
  },
  concat: (left, right) => ({
    // DuckDB's + and - bind more tightly than ||; they are parenthesised
    // anyway so the SQL reads the same as in Spark.
    sql: `${
      left.precedence === DUCKDB_CONCAT_PRECEDENCE
        ? left.sql
        : parenthesize(left, Precedence.multiplicative)
    } || ${parenthesize(right, Precedence.multiplicative)}`,
    precedence: DUCKDB_CONCAT_PRECEDENCE,
  }),
  nullSafeEquals: (left, right) =>
    predicate(`${left} IS NOT DISTINCT FROM ${right}`),
  like(operator, operand, pattern, { negated, escape }) {
    // Spark's LIKE escapes with a backslash by default, DuckDB's not at
    // all: the escape is written unless the pattern has no backslash.
    const plainPattern =
      pattern.literal?.type === 'string' &&
      !pattern.literal.value.includes('\\');
    const written = escape ?? (plainPattern ? undefined : '\\');
    return plainLike(this, operator, operand, pattern, negated, written);
  },
  regexMatch(value, pattern, negated) {
    const call = `regexp_matches(${value.sql}, ${pattern.sql})`;
    return negated
      ? { sql: `NOT ${call}`, precedence: Precedence.not }
      : primary(call);
  },
  // Spark's arr[i] counts from 0, DuckDB's from 1.
  arrayIndex(index) {
    const literal = index.literal;
    if (literal?.type === 'integer') return String(BigInt(literal.text) + 1n);
    return `${index.operand(Precedence.additive)} + 1`;
  },
  // DuckDB sorts NULLs last unless told, in both directions: every key
  // says where they go.
  nullOrder: ({ nulls }) => nulls,
  functions: catalogueRenderings('duckdb'),
  functionRenderer(definition) {
    return functionRendererOf(this, definition);
  },

  joinKeyword: type => JOIN_KEYWORDS[type],
  unionAllByName: true,
  epochSeconds: sql => `epoch(${sql})`,
  sortedStringAgg: (value, separator) =>
    `string_agg(${value}, ${separator} ORDER BY ${value})`,
  mergeStatement(parts) {
    return mergeInto(this, parts);
  },
  // One transaction, so that a failing script leaves its tables as they were.
  transaction: statements => ['BEGIN TRANSACTION;', ...statements, 'COMMIT;'],

  // DuckDB has no AES, so a local run "encrypts" with a SHA-256 hash
  // marked `sha256:`: one-way, and never equal to what Spark writes.
  maskTemplates: {
    hash: 'sha256(CAST({{column}} AS VARCHAR))',
    redact: "CASE WHEN {{column}} IS NOT NULL THEN '[REDACTED]' END",
    anonymize: "left({{column}}, 1) || '****'",
    encrypt: "'sha256:' || sha256(CAST({{column}} AS VARCHAR))",
  },
  maskHashFunctions: HASH_FUNCTIONS,
};
