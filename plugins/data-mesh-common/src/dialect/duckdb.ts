/**
 * DuckDB, the embedded warehouse of local runs. Where DuckDB's SQL means
 * something else than the same Spark SQL (casts, division, LIKE escapes,
 * NULL ordering, array indexes), the rendering spells out Spark's meaning,
 * in ANSI mode (Spark 4's and Databricks SQL's default):
 *
 * - `/` of decimals is exact, rounded HALF_UP to Spark's result type;
 *   `/`, `DIV`, `%` and pmod by zero raise DIVIDE_BY_ZERO (duckdbNumbers.ts).
 * - Decimal `+ - *` results are cast to Spark's result type (precision-loss
 *   rules, HALF_UP; out of range raises); operands are widened where
 *   DuckDB's own result type is too narrow for the value. A product whose
 *   exact value needs more than 38 digits, which Spark rounds to a smaller
 *   scale, is computed in 19-digit limbs (DuckDB's 128-bit product would
 *   overflow).
 * - `DIV` is a bigint; ceil/floor/round/bround/sum/avg have Spark's types
 *   (in the function catalogue's DuckDB renderings).
 * - Casts: string → number with Spark's syntax only (CAST raises
 *   CAST_INVALID_INPUT, TRY_CAST gives NULL); double → decimal through the
 *   shortest string, HALF_UP; fractions truncated to integers.
 * - `arr[i]` out of bounds raises INVALID_ARRAY_INDEX.
 * - Integer overflow of `+ - *` and casts raises in DuckDB as in Spark, and
 *   NaN = NaN and NaN > any number hold in both, so they are left as they are.
 *
 * The tests stating Spark's results are in render.semantics.test.ts,
 * decimalArithmetic.property.test.ts and sparkGolden/.
 */
import { DUCKDB_QUOTED_WORDS } from '../expression/keywords';
import { literalType } from '../expression/literals';
import type { DecimalShape } from '../expression/typeRules';
import {
  DUCKDB_CONCAT_PRECEDENCE,
  parenthesize,
  Precedence,
  predicate,
  primary,
} from '../expression/precedence';
import type {
  RenderedArgument,
  RenderedSql,
} from '../expression/functions/definition';
import {
  INTEGER_RANGES,
  isIntegralType,
  isNarrowIntegerType,
  MAX_DECIMAL_PRECISION,
  SqlType,
  SqlTypes,
} from '../expression/types';
import {
  checkedDivision,
  exactDecimalIntegralQuotient,
  exactDecimalProduct,
  exactDecimalLiteral,
  operandShape,
  raise,
  SPARK_ERRORS,
  sparkDivision,
  stringToNumber,
} from './duckdbNumbers';
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
    case 'tinyint':
      return 'TINYINT';
    case 'smallint':
      return 'SMALLINT';
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
 * whole numbers are int or bigint by size in both. Spark reads a minus
 * before a whole number as part of it (-2147483648 is an int); DuckDB
 * negates the number after it (2147483648, a BIGINT).
 */
function isPlainNumber(value: NumberLiteral, type: SqlType): boolean {
  if (value.type === 'double') return /[eE]/.test(value.text);
  // DuckDB counts zeros before the first digit as digits (0.3 is a
  // DECIMAL(2,1), 007.5 a DECIMAL(4,1)); Spark does not (decimal(1,1),
  // decimal(2,1)).
  if (value.type === 'decimal')
    return /^-?[1-9][0-9]*\.[0-9]*$/.test(value.text);
  if (type.kind !== 'int' && !(type.kind === 'bigint' && !value.suffix)) {
    return false;
  }
  const magnitude = BigInt(value.text.replace(/^-/, ''));
  return magnitude <= INTEGER_RANGES[type.kind].max;
}

/**
 * The left factor of a decimal product, as a DECIMAL(38, s) when the
 * product may need more than 18 digits: DuckDB multiplies two decimals of
 * up to 18 digits in 64 bits and raises on overflow, even when its result
 * type has room; with a 38-digit factor it multiplies in 128 bits.
 */
function widenedFactor(
  dialect: SqlDialect,
  left: RenderedArgument,
  right: RenderedArgument,
): RenderedArgument {
  const { type } = left;
  if (type.kind !== 'decimal' || right.type.kind !== 'decimal') return left;
  if (type.precision + right.type.precision <= 18) return left;
  return wideDecimal(dialect, left, type.scale);
}

/**
 * Spark's product of decimals whose exact product needs more than 38
 * digits and whose result Spark rounded to a smaller scale, computed
 * exactly (DuckDB's 128-bit product would overflow or keep every digit);
 * undefined for the other products, which DuckDB computes exactly.
 */
function lossyDecimalProduct(
  left: RenderedArgument,
  right: RenderedArgument,
  type: DecimalShape,
): string | undefined {
  const leftShape = operandShape(left, right);
  const rightShape = operandShape(right, left);
  if (!leftShape || !rightShape) return undefined;
  const exactScale = leftShape.scale + rightShape.scale;
  const exactPrecision = leftShape.precision + rightShape.precision;
  if (exactPrecision <= MAX_DECIMAL_PRECISION || exactScale <= type.scale) {
    return undefined;
  }
  return exactDecimalProduct(left, leftShape, right, rightShape, type);
}

/** The scale of a decimal type, 0 for other numbers. */
function decimalScale(type: SqlType): number {
  return type.kind === 'decimal' ? type.scale : 0;
}

/** The argument as `CAST(argument AS DECIMAL(38, scale))`. */
function wideDecimal(
  dialect: SqlDialect,
  argument: RenderedArgument,
  scale: number,
): RenderedArgument {
  const sql = dialect.castSql(argument.sql, SqlTypes.decimal(38, scale));
  return { ...argument, ...primary(sql), operand: () => sql };
}

/**
 * A tinyint or smallint operand of integer arithmetic with a wider result,
 * cast to the result type: DuckDB narrows an integer literal next to a
 * TINYINT to a TINYINT (`CAST(127 AS TINYINT) + 1` overflows), where Spark
 * widens the tinyint (127Y + 1 is the int 128).
 */
function widenedNarrowInteger(
  dialect: SqlDialect,
  argument: RenderedArgument,
  type: SqlType,
): RenderedArgument {
  if (!isNarrowIntegerType(argument.type) || argument.type.kind === type.kind) {
    return argument;
  }
  const sql = dialect.castSql(argument.sql, type);
  return { ...argument, ...primary(sql), operand: () => sql };
}

/**
 * The type DuckDB gives a sum or difference of decimal(p1,s) and
 * decimal(p2,s): max(p1,p2) + 1 digits, except that a sum of two 18-digit
 * decimals stays at 18 (and overflows there).
 */
function duckDbSumPrecision(p1: number, p2: number): number {
  const widest = Math.max(p1, p2);
  return widest === 18 ? 18 : Math.min(widest + 1, MAX_DECIMAL_PRECISION);
}

/**
 * How DuckDB must compute a decimal sum or difference to get Spark's value
 * and type: `plain` when DuckDB's own result is already Spark's (same
 * scales, and DuckDB's precision equals Spark's), `wide` when its result
 * type would be too narrow for the value (decimal(5,0) + decimal(17,14) is
 * a DECIMAL(18,14) in DuckDB, which cannot hold 10000; two 18-digit
 * decimals sum to 18 digits), else `cast` to Spark's type.
 */
function sumPlan(
  left: RenderedArgument,
  right: RenderedArgument,
  type: SqlType,
): 'plain' | 'wide' | 'cast' {
  const a = operandShape(left, right);
  const b = operandShape(right, left);
  if (!a || !b || type.kind !== 'decimal') return 'cast';
  const scale = Math.max(a.scale, b.scale);
  const digits = Math.max(a.precision - a.scale, b.precision - b.scale) + scale;
  const duckDb = duckDbSumPrecision(a.precision, b.precision);
  if (digits + 1 > duckDb) return 'wide';
  const bothDecimal =
    left.type.kind === 'decimal' && right.type.kind === 'decimal';
  return bothDecimal &&
    a.scale === b.scale &&
    type.scale === scale &&
    type.precision === duckDb
    ? 'plain'
    : 'cast';
}

/** The white space Spark trims off a string cast to a boolean. */
const SPARK_WHITE_SPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;

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
      const text =
        value.type === 'decimal' ? exactDecimalLiteral(value.text) : value.text;
      return primary(this.castSql(text, type));
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
    const { kind } = operand.type;
    // Spark's ANSI cast reads only the number syntax of the target type
    // from a string (DuckDB also takes '1.5' as an int, '0x10', '1_000').
    if (kind === 'string') {
      const number = stringToNumber(operand, target, safe, (sql, type, s) =>
        this.castSql(sql, type, s),
      );
      if (number) return number;
    }
    // Spark trims white space (tabs and line breaks too) off a string it
    // casts to a boolean; DuckDB trims nothing, not even spaces.
    if (kind === 'string' && target.kind === 'boolean') {
      const { literal } = operand;
      const trimmed =
        literal?.type === 'string'
          ? stringLiteral(literal.value.replace(SPARK_WHITE_SPACE, ''))
          : `trim(${operand.sql}, ${stringLiteral(' \t\n\v\f\r')})`;
      return this.castSql(trimmed, target, safe);
    }
    // Spark converts a double to a decimal through its shortest decimal
    // string, HALF_UP (2518.365D → 2518.37); DuckDB rounds the binary
    // value (2518.36). DuckDB's VARCHAR of a double is that string.
    if (kind === 'double' && target.kind === 'decimal') {
      return this.castSql(
        this.castSql(operand.sql, SqlTypes.string),
        target,
        safe,
      );
    }
    // Spark truncates fractions when casting to an integer type, DuckDB
    // rounds them. Out of range values raise in both (NULL with TRY_CAST).
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
    // A string read as a number converts as Spark's CAST does ('1.2' is
    // not an int), not by DuckDB's rules.
    if (operand.type.kind === 'string' && type.kind !== 'string') {
      return primary(this.cast(operand, type, false));
    }
    return primary(this.castSql(operand.sql, type));
  },
  arithmetic(operator, left, right, type) {
    // DuckDB's date ± interval is a timestamp; Spark's is a date.
    const interval =
      left.type.kind === 'interval' || right.type.kind === 'interval';
    if (interval) {
      const rendered = plainArithmetic(operator, left, right);
      return type.kind === 'date'
        ? primary(this.castSql(rendered.sql, SqlTypes.date))
        : rendered;
    }
    if (operator === '/') {
      return sparkDivision(left, right, type, (sql, t) => this.castSql(sql, t));
    }
    if (operator === '*' && type.kind === 'decimal') {
      const product = lossyDecimalProduct(left, right, type);
      if (product) return primary(product);
    }
    // Integer + - * % overflow raises in DuckDB as in Spark. Decimal + - *
    // are exact in DuckDB; its result type may differ from Spark's (which
    // gives up scale beyond 38 digits, rounding HALF_UP as DuckDB's cast
    // does), so the result is cast to Spark's type, which also raises when
    // the value does not fit its precision, as Spark's ANSI mode does.
    const sum = operator === '+' || operator === '-';
    const plan =
      sum && type.kind === 'decimal' ? sumPlan(left, right, type) : 'cast';
    const scale = type.kind === 'decimal' ? type.scale : 0;
    let [l, r] = [left, right];
    if (operator === '*') l = widenedFactor(this, left, right);
    if (plan === 'wide') {
      l = wideDecimal(this, left, Math.max(scale, decimalScale(left.type)));
      r = wideDecimal(this, right, Math.max(scale, decimalScale(right.type)));
    }
    if (isIntegralType(type)) {
      l = widenedNarrowInteger(this, l, type);
      r = widenedNarrowInteger(this, r, type);
    }
    let rendered = plainArithmetic(operator, l, r);
    if (type.kind === 'decimal' && plan !== 'plain') {
      rendered = primary(this.castSql(rendered.sql, type));
    }
    // Spark's % by zero raises DIVIDE_BY_ZERO; DuckDB's gives NULL.
    return operator === '%' ? checkedDivision(left, right, rendered) : rendered;
  },
  integralDivision(left, right) {
    const precedence = Precedence.multiplicative;
    const l = left.operand(precedence);
    const r = right.operand(precedence + 1);
    const integral = [left, right].every(
      side => isIntegralType(side.type) || side.type.kind === 'null',
    );
    const leftShape = operandShape(left, right);
    const rightShape = operandShape(right, left);
    // DuckDB's // divides decimals in double; Spark's DIV truncates the
    // exact quotient to a bigint (computed on unscaled values).
    const exactDecimal =
      !integral &&
      leftShape &&
      rightShape &&
      exactDecimalIntegralQuotient(left, leftShape, right, rightShape);
    // DuckDB's // of two ints is an INTEGER; Spark's DIV is a bigint.
    const quotient: RenderedSql = integral
      ? primary(this.castSql(`${l} // ${r}`, SqlTypes.bigint))
      : primary(
          exactDecimal || this.castSql(`trunc(${l} / ${r})`, SqlTypes.bigint),
        );
    return checkedDivision(left, right, quotient);
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
  // Spark's arr[i] counts from 0, DuckDB's from 1; an index outside the
  // array raises in Spark's ANSI mode and is NULL in DuckDB.
  subscript(array, index) {
    const literal = index.literal;
    const element = {
      sql: `${array.operand(Precedence.postfix)}[${
        literal?.type === 'integer'
          ? String(BigInt(literal.text) + 1n)
          : `${index.operand(Precedence.additive)} + 1`
      }]`,
      precedence: Precedence.postfix,
    };
    const i = index.operand(Precedence.additive);
    const outside =
      literal?.type === 'integer' && !literal.text.startsWith('-')
        ? `${i} >= len(${array.sql})`
        : `${i} < 0 OR ${i} >= len(${array.sql})`;
    return primary(
      `CASE WHEN ${outside} THEN ${raise(SPARK_ERRORS.arrayIndex)} ELSE ${
        element.sql
      } END`,
    );
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
