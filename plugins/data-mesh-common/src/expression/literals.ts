import type { Expression, LiteralValue } from './ast';
import {
  INTEGER_RANGES,
  MAX_DECIMAL_PRECISION,
  SqlType,
  SqlTypes,
} from './types';

const { min: INT_MIN, max: INT_MAX } = INTEGER_RANGES.int;
const { min: BIGINT_MIN, max: BIGINT_MAX } = INTEGER_RANGES.bigint;

/** Precision and scale of a decimal literal's digits, as Spark counts them. */
export function decimalLiteralShape(text: string): {
  precision: number;
  scale: number;
} {
  const unsigned = text.replace(/^[-+]/, '');
  const [whole, fraction = ''] = unsigned.split('.');
  const wholeDigits = whole.replace(/^0+/, '').length;
  const scale = fraction.length;
  return { precision: Math.max(wholeDigits + scale, scale, 1), scale };
}

/**
 * The type of an integer literal: int if it fits, else bigint, else
 * decimal(n,0) — or the type of its suffix: bigint for `L`, smallint for
 * `S`, tinyint for `Y`.
 */
function integerLiteralType(text: string, suffix: string | undefined): SqlType {
  const value = BigInt(text);
  if (suffix === 'L') return SqlTypes.bigint;
  if (suffix === 'S') return SqlTypes.smallint;
  if (suffix === 'Y') return SqlTypes.tinyint;
  if (value >= INT_MIN && value <= INT_MAX) return SqlTypes.int;
  if (value >= BIGINT_MIN && value <= BIGINT_MAX) return SqlTypes.bigint;
  const digits = text.replace(/^[-+]?0*/, '').length;
  return SqlTypes.decimal(Math.max(digits, 1), 0);
}

/** Why a number literal is out of range, or undefined when it is fine. */
export function numberLiteralProblem(
  value: Extract<LiteralValue, { type: 'integer' | 'decimal' | 'double' }>,
): string | undefined {
  const { text } = value;
  if (value.type === 'integer') {
    const number = BigInt(text);
    if (value.suffix === 'L' && (number < BIGINT_MIN || number > BIGINT_MAX)) {
      return `integer literal ${text}L does not fit in a bigint`;
    }
    const digits = text.replace(/^[-+]?0*/, '').length;
    if (digits > MAX_DECIMAL_PRECISION) {
      return `integer literal ${text} has more than ${MAX_DECIMAL_PRECISION} digits`;
    }
    return undefined;
  }
  if (value.type === 'decimal') {
    if (/[eE]/.test(text)) {
      return `decimal literal ${text}BD must not have an exponent`;
    }
    if (decimalLiteralShape(text).precision > MAX_DECIMAL_PRECISION) {
      return `decimal literal ${text} exceeds the maximum precision of ${MAX_DECIMAL_PRECISION} digits`;
    }
    return undefined;
  }
  return Number.isFinite(Number(text))
    ? undefined
    : `double literal ${text} is out of range`;
}

/** The type Spark gives a literal. */
export function literalType(value: LiteralValue): SqlType {
  switch (value.type) {
    case 'null':
      return SqlTypes.null;
    case 'boolean':
      return SqlTypes.boolean;
    case 'string':
      return SqlTypes.string;
    case 'date':
      return SqlTypes.date;
    case 'timestamp':
      return SqlTypes.timestamp;
    case 'interval':
      return SqlTypes.interval(value.unit);
    case 'integer':
      return integerLiteralType(value.text, value.suffix);
    case 'decimal': {
      const { precision, scale } = decimalLiteralShape(value.text);
      return SqlTypes.decimal(precision, scale);
    }
    case 'double':
      return SqlTypes.double;
    default:
      throw new Error(`unknown literal ${JSON.stringify(value)}`);
  }
}

/**
 * The literal an expression is, looking through a unary minus on a number
 * (`-1`), or undefined for anything else. Functions whose translation needs a
 * constant argument (format patterns, bit lengths) read them through this.
 */
export function literalOf(node: Expression): LiteralValue | undefined {
  if (node.kind === 'literal') return node.value;
  if (node.kind === 'unary' && node.operator === '-') {
    const operand = literalOf(node.operand);
    if (
      operand &&
      (operand.type === 'integer' ||
        operand.type === 'decimal' ||
        operand.type === 'double')
    ) {
      const text = operand.text.startsWith('-')
        ? operand.text.slice(1)
        : `-${operand.text}`;
      return { ...operand, text };
    }
  }
  return undefined;
}

/** The value of a numeric literal as a JavaScript number. */
export function numericValueOf(
  value: LiteralValue | undefined,
): number | undefined {
  if (
    value &&
    (value.type === 'integer' ||
      value.type === 'decimal' ||
      value.type === 'double')
  ) {
    return Number(value.text);
  }
  return undefined;
}

/** The value of a string literal. */
export function stringValueOf(
  value: LiteralValue | undefined,
): string | undefined {
  return value?.type === 'string' ? value.value : undefined;
}

function isValidDate(year: number, month: number, day: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [
    31,
    leap ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return (
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth[month - 1]
  );
}

const pad = (value: string, width: number) => value.padStart(width, '0');

/**
 * The `YYYY-MM-DD` form of the text of a `DATE '…'` literal, or undefined if
 * it is not a valid date. Like Spark, `2024-3-5`, `2024-03` and `2024` are
 * accepted (a missing month or day is 1).
 */
export function normalizeDateLiteral(text: string): string | undefined {
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text.trim());
  if (!match) return undefined;
  const [, year, month = '1', day = '1'] = match;
  if (!isValidDate(Number(year), Number(month), Number(day))) return undefined;
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * The `YYYY-MM-DD HH:MM:SS[.ffffff]` form of the text of a
 * `TIMESTAMP '…'` literal, or a reason why it is not valid.
 */
export function normalizeTimestampLiteral(
  text: string,
): { value: string } | { problem: string } {
  const match =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?)?(.*)$/.exec(
      text.trim(),
    );
  if (!match) {
    return { problem: `invalid TIMESTAMP literal '${text}'` };
  }
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const fraction = match[7] ?? '';
  const rest = match[8];
  if (rest !== '') {
    return /^\s*(Z|[+-]\d|UTC|GMT|[A-Za-z]+\/)/.test(rest)
      ? {
          problem: `time zones in TIMESTAMP literals are not supported ('${text}')`,
        }
      : { problem: `invalid TIMESTAMP literal '${text}'` };
  }
  if (
    !isValidDate(Number(year), Number(month), Number(day)) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  ) {
    return { problem: `invalid TIMESTAMP literal '${text}'` };
  }
  if (fraction.length > 6) {
    return {
      problem: `TIMESTAMP literal '${text}' is more precise than microseconds`,
    };
  }
  const time = `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
  return {
    value: `${year}-${pad(month, 2)}-${pad(day, 2)} ${time}${
      fraction ? `.${fraction}` : ''
    }`,
  };
}
