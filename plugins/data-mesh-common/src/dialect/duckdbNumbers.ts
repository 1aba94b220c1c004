/**
 * Spark's numbers (ANSI mode, the default of Spark 4 and Databricks SQL)
 * written in DuckDB SQL. Where DuckDB computes something else for the same
 * SQL, these renderings spell out Spark's result:
 *
 * - Spark divides decimals exactly and rounds the quotient HALF_UP to the
 *   result type's scale; DuckDB divides decimals in DOUBLE. The quotient is
 *   computed here on the operands' unscaled values in 128-bit integers.
 *   A product of more than 38 digits, which Spark rounds to a smaller
 *   scale, is computed exactly in limbs of 19 digits.
 * - Spark raises an error (its error class is quoted in the message) on
 *   division by zero, an invalid cast, an array index out of range and an
 *   overflow; DuckDB gives NULL, Infinity or a wrapped value for some.
 * - Spark converts a double to a decimal through its shortest decimal
 *   string (`BigDecimal(Double.toString(d))`); DuckDB rounds the binary
 *   value, so 2518.365D would become 2518.36 instead of 2518.37.
 */
import type {
  RenderedArgument,
  RenderedSql,
} from '../expression/functions/definition';
import { decimalOperandType } from '../expression/operatorTypes';
import { Precedence, primary } from '../expression/precedence';
import { decimalShape, DecimalShape } from '../expression/typeRules';
import { MAX_DECIMAL_PRECISION, SqlType } from '../expression/types';

/**
 * A construct that DuckDB cannot compute with Spark's result. The renderer
 * reports it as an `unsupported` expression error at the construct.
 */
export class UnsupportedRendering extends Error {
  override readonly name = 'UnsupportedRendering';
}

/** Spark's messages (with its error classes) for the errors it raises. */
export const SPARK_ERRORS = {
  divideByZero:
    '[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead.',
  arrayIndex:
    '[INVALID_ARRAY_INDEX] The index is out of bounds of the array. Use `get()` to tolerate accessing element at invalid index and return NULL instead.',
  elementAtIndex:
    '[INVALID_ARRAY_INDEX_IN_ELEMENT_AT] The index is out of bounds of the array. Use `try_element_at` to tolerate accessing element at invalid index and return NULL instead.',
  indexOfZero:
    '[INVALID_INDEX_OF_ZERO] The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).',
  decimalOverflow: ({ precision, scale }: DecimalShape) =>
    `[NUMERIC_VALUE_OUT_OF_RANGE] The value cannot be represented as Decimal(${precision}, ${scale}).`,
  castInvalidInput: (type: string) =>
    `[CAST_INVALID_INPUT] The value cannot be cast to ${type} because it is malformed. Use \`try_cast\` to tolerate malformed input and return NULL instead.`,
} as const;

/** `error('message')`: DuckDB raises the message when this is evaluated. */
export function raise(message: string): string {
  return `error('${message.replace(/'/g, "''")}')`;
}

/** `10^n` as an integer literal (DuckDB types it HUGEINT when needed). */
function powerOfTen(n: number): string {
  return `1${'0'.repeat(n)}`;
}

/** Whether the argument is a number literal other than zero. */
function isNonZeroLiteral(arg: RenderedArgument): boolean {
  const { literal } = arg;
  if (!literal) return false;
  if (
    literal.type !== 'integer' &&
    literal.type !== 'decimal' &&
    literal.type !== 'double'
  ) {
    return false;
  }
  return Number(literal.text) !== 0;
}

/**
 * The decimal Spark computes an operand of decimal arithmetic in: its own
 * decimal type, an integer's decimal(10,0) or decimal(20,0), or for an
 * integer literal the narrowest decimal that holds it.
 */
export function operandShape(
  operand: RenderedArgument,
  other: RenderedArgument,
): DecimalShape | undefined {
  return decimalShape(decimalOperandType(operand, other.type));
}

/**
 * An unscaled decimal value (its digits without the decimal point) as a
 * HUGEINT: known when it comes from a literal, else SQL.
 */
type Unscaled = { readonly value: bigint } | { readonly sql: string };

function sqlOf(value: Unscaled): string {
  if ('sql' in value) return value.sql;
  return value.value < 0n ? `(${value.value})` : String(value.value);
}

/** The unscaled value of a number literal of scale `scale`, if it is one. */
function literalUnscaled(
  operand: RenderedArgument,
  scale: number,
): bigint | undefined {
  const { literal } = operand;
  if (literal?.type === 'integer' && scale === 0) return BigInt(literal.text);
  if (literal?.type !== 'decimal' || /[eE]/.test(literal.text)) {
    return undefined;
  }
  const [whole, fraction = ''] = literal.text.split('.');
  if (fraction.length > scale) return undefined;
  return BigInt(`${whole}${fraction.padEnd(scale, '0')}`.replace(/^\+/, ''));
}

/**
 * The operand's unscaled value at the scale of `shape`. Multiplying by
 * 10^scale and casting to HUGEINT is exact when the product fits 38 digits
 * (the cast to the scale rounds HALF_UP a value DuckDB holds with more
 * digits, as Spark would have rounded it to its type); beyond that the
 * digits are read from the
 * text DuckDB writes for the decimal, which has exactly its scale's digits
 * after the point.
 */
function unscaled(operand: RenderedArgument, shape: DecimalShape): Unscaled {
  const value = literalUnscaled(operand, shape.scale);
  if (value !== undefined) return { value };
  if (shape.scale === 0) return { sql: `CAST(${operand.sql} AS HUGEINT)` };
  if (shape.precision + shape.scale <= MAX_DECIMAL_PRECISION) {
    // As a DECIMAL(38, s) the product has room for its digits (DuckDB
    // would keep a narrower decimal's product in 64 bits).
    const wide = `CAST(${operand.sql} AS DECIMAL(38, ${shape.scale}))`;
    return { sql: `CAST(${wide} * ${powerOfTen(shape.scale)} AS HUGEINT)` };
  }
  const decimal = `CAST(${operand.sql} AS DECIMAL(${shape.precision}, ${shape.scale}))`;
  return {
    sql: `CAST(replace(CAST(${decimal} AS VARCHAR), '.', '') AS HUGEINT)`,
  };
}

function timesPowerOfTen(value: Unscaled, n: number): Unscaled {
  if (n === 0) return value;
  if ('value' in value) return { value: value.value * 10n ** BigInt(n) };
  return { sql: `(${value.sql} * ${powerOfTen(n)})` };
}

/** The decimal literal whose unscaled value is `value` at `scale`. */
function decimalText(value: bigint, scale: number): string {
  const digits = (value < 0n ? -value : value)
    .toString()
    .padStart(scale + 1, '0');
  const point = digits.length - scale;
  const text =
    scale === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return value < 0n ? `-${text}` : text;
}

/**
 * 10^-scale as a DuckDB decimal. DuckDB counts the zero before the point
 * of a literal as a digit, so 0.000…1 with 38 decimals would be a DOUBLE:
 * from 37 decimals on the factor is cast from a string.
 */
function unitOfScale(scale: number): string {
  const text = `0.${'0'.repeat(scale - 1)}1`;
  return scale < MAX_DECIMAL_PRECISION - 1
    ? text
    : `CAST('${text}' AS DECIMAL(${MAX_DECIMAL_PRECISION}, ${scale}))`;
}

/**
 * A decimal literal DuckDB reads exactly: DuckDB reads one of more than 38
 * digits (counting a zero before the point) as a DOUBLE, so that one is
 * written as a string, which the cast around it reads exactly.
 */
export function exactDecimalLiteral(text: string): string {
  const digits = text.replace(/[^0-9]/g, '').length;
  return digits > MAX_DECIMAL_PRECISION ? `'${text}'` : text;
}

/** The decimal(p,s) whose unscaled value is `value`. */
function fromUnscaled(value: Unscaled, type: DecimalShape): string {
  const { precision, scale } = type;
  let decimal: string;
  if ('value' in value)
    decimal = exactDecimalLiteral(decimalText(value.value, scale));
  else if (scale === 0) decimal = value.sql;
  else {
    decimal = `CAST(${value.sql} AS DECIMAL(38, 0)) * ${unitOfScale(scale)}`;
  }
  return `CAST(${decimal} AS DECIMAL(${precision}, ${scale}))`;
}

function signOf(value: bigint): bigint {
  if (value === 0n) return 0n;
  return value < 0n ? -1n : 1n;
}
const absOf = (value: bigint) => (value < 0n ? -value : value);

/**
 * n / d rounded HALF_UP (halves away from zero) as Java's BigDecimal does:
 * for n ≥ 0 and d > 0 that is (n + d // 2) // d, which cannot overflow
 * since both are below 10^38 and a HUGEINT holds 1.7·10^38. Known values
 * are worked out here.
 */
function halfUpQuotient(n: Unscaled, d: Unscaled): Unscaled {
  // A zero divisor has no quotient (the caller raises DIVIDE_BY_ZERO for
  // a dividend that is not NULL).
  if ('value' in d && d.value === 0n) return { sql: 'NULL' };
  if ('value' in n && 'value' in d) {
    const sign = signOf(n.value) * signOf(d.value);
    const [a, b] = [absOf(n.value), absOf(d.value)];
    return { value: sign * ((a + b / 2n) / b) };
  }
  const factors: string[] = [];
  let sign = 1n;
  for (const side of [n, d]) {
    if ('value' in side) sign *= signOf(side.value);
    else factors.push(`sign(${side.sql})`);
  }
  if (sign === 0n) return { value: 0n };
  const abs = (side: Unscaled) =>
    'value' in side ? String(absOf(side.value)) : `abs(${side.sql})`;
  const half = 'value' in d ? String(absOf(d.value) / 2n) : `${abs(d)} // 2`;
  factors.push(`((${abs(n)} + ${half}) // ${abs(d)})`);
  return { sql: `${sign < 0n ? '-' : ''}${factors.join(' * ')}` };
}

/**
 * Spark's decimal quotient `left / right` of type `result` (Spark's
 * `Decimal./` divides exactly and the result is rounded HALF_UP to the
 * result's scale; a quotient too large for its precision raises).
 *
 * With unscaled values A (scale s1) and B (scale s2) the result's unscaled
 * value is round(A · 10^k / B) with k = s + s2 − s1. Spark's result types
 * keep A · 10^k within 38 digits unless precision was lost (more than 32
 * integral digits): then the quotient is split into the whole part
 * A // B and the remainder's share, which fits if B is narrower than
 * 38 − k digits. Otherwise the rendering is refused.
 *
 * (Spark rounds the exact quotient to 39 decimals before rounding to the
 * result scale; the two agree except for quotients whose digits beyond the
 * scale are 4999… up to the 39th, which this rounds down and Spark up.)
 */
export function exactDecimalQuotient(
  left: RenderedArgument,
  leftShape: DecimalShape,
  right: RenderedArgument,
  rightShape: DecimalShape,
  result: DecimalShape,
): string {
  const a = unscaled(left, leftShape);
  const b = unscaled(right, rightShape);
  const k = result.scale + rightShape.scale - leftShape.scale;
  const max = MAX_DECIMAL_PRECISION;
  let quotient: Unscaled;
  if (k < 0) {
    if (rightShape.precision - k > max) throw refusedQuotient(result);
    quotient = halfUpQuotient(a, timesPowerOfTen(b, -k));
  } else if (leftShape.precision + k <= max) {
    quotient = halfUpQuotient(timesPowerOfTen(a, k), b);
  } else if (rightShape.precision + k <= max) {
    const whole = timesPowerOfTen({ sql: `(${sqlOf(a)} // ${sqlOf(b)})` }, k);
    const remainder = timesPowerOfTen(
      { sql: `(${sqlOf(a)} % ${sqlOf(b)})` },
      k,
    );
    quotient = {
      sql: `${sqlOf(whole)} + ${sqlOf(halfUpQuotient(remainder, b))}`,
    };
  } else {
    throw refusedQuotient(result);
  }
  return fromUnscaled(quotient, result);
}

function refusedQuotient(result: DecimalShape): UnsupportedRendering {
  return new UnsupportedRendering(
    `this decimal division (result decimal(${result.precision},${result.scale})) needs more than 38 digits to compute exactly on DuckDB; cast the operands to narrower decimals`,
  );
}

/**
 * Spark's `left DIV right` on decimals: the exact quotient truncated to a
 * bigint, from the unscaled values brought to the same scale; undefined
 * when they do not fit 38 digits.
 */
export function exactDecimalIntegralQuotient(
  left: RenderedArgument,
  leftShape: DecimalShape,
  right: RenderedArgument,
  rightShape: DecimalShape,
): string | undefined {
  const shift = rightShape.scale - leftShape.scale;
  const max = MAX_DECIMAL_PRECISION;
  if (leftShape.precision + Math.max(shift, 0) > max) return undefined;
  if (rightShape.precision + Math.max(-shift, 0) > max) return undefined;
  const a = timesPowerOfTen(unscaled(left, leftShape), Math.max(shift, 0));
  const b = timesPowerOfTen(unscaled(right, rightShape), Math.max(-shift, 0));
  return `CAST(${sqlOf(a)} // ${sqlOf(b)} AS BIGINT)`;
}

/**
 * `quotient`, or Spark's DIVIDE_BY_ZERO error when `right` is zero and
 * `left` is not NULL (Spark's `/`, `DIV` and `%` give NULL for a NULL
 * dividend before looking at the divisor). `onZero: 'null'` gives NULL
 * instead, as Spark's try_divide does.
 */
export function checkedDivision(
  left: RenderedArgument,
  right: RenderedArgument,
  quotient: RenderedSql,
  onZero: 'raise' | 'null' = 'raise',
): RenderedSql {
  if (isNonZeroLiteral(right)) return quotient;
  if (left.literal?.type === 'null' || right.literal?.type === 'null') {
    return quotient;
  }
  const zero = `${right.operand(Precedence.additive)} = 0`;
  if (onZero === 'null') {
    return primary(`CASE WHEN ${zero} THEN NULL ELSE ${quotient.sql} END`);
  }
  const dividendKnown = left.literal
    ? ''
    : ` AND ${left.operand(Precedence.additive)} IS NOT NULL`;
  return primary(
    `CASE WHEN ${zero}${dividendKnown} THEN ${raise(
      SPARK_ERRORS.divideByZero,
    )} ELSE ${quotient.sql} END`,
  );
}

/**
 * Spark's `left / right` of type `type`: a double, or for decimals the
 * exact quotient rounded HALF_UP to the scale of Spark's result type
 * (DuckDB would divide decimals in double). Division by zero raises
 * DIVIDE_BY_ZERO (DuckDB gives Infinity or NULL), or gives NULL with
 * `onZero: 'null'` (try_divide).
 */
export function sparkDivision(
  left: RenderedArgument,
  right: RenderedArgument,
  type: SqlType,
  castSql: (sql: string, type: SqlType) => string,
  onZero: 'raise' | 'null' = 'raise',
): RenderedSql {
  if (left.type.kind === 'null' || right.type.kind === 'null') {
    return primary(castSql('NULL', type));
  }
  const leftShape = operandShape(left, right);
  const rightShape = operandShape(right, left);
  const precedence = Precedence.multiplicative;
  const quotient =
    type.kind === 'decimal' && leftShape && rightShape
      ? primary(exactDecimalQuotient(left, leftShape, right, rightShape, type))
      : {
          sql: `${left.operand(precedence)} / ${right.operand(precedence + 1)}`,
          precedence,
        };
  return checkedDivision(left, right, quotient, onZero);
}

/** The Spark name of a numeric type, as its error messages write it. */
function sparkTypeName(type: SqlType): string {
  if (type.kind === 'decimal') {
    return `DECIMAL(${type.precision},${type.scale})`;
  }
  return type.kind.toUpperCase();
}

/**
 * The strings Spark's ANSI cast accepts for each numeric type, after
 * trimming white space: integers only digits (no point, no exponent, no
 * `0x` or `_` as DuckDB would take), decimals digits with a point and an
 * exponent, doubles also infinities and NaN.
 */
const NUMBER_SYNTAX: Partial<Record<SqlType['kind'], string>> = {
  int: '[+-]?[0-9]+',
  bigint: '[+-]?[0-9]+',
  decimal: '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)(e[+-]?[0-9]+)?',
  double: '[+-]?(([0-9]+[.]?[0-9]*|[.][0-9]+)(e[+-]?[0-9]+)?|inf|infinity)|nan',
};

/** The pattern (case-insensitive) a string must match to cast to `type`. */
export function numberSyntax(type: SqlType): RegExp | undefined {
  const syntax = NUMBER_SYNTAX[type.kind];
  return syntax === undefined
    ? undefined
    : new RegExp(`^\\s*(${syntax})\\s*$`, 'i');
}

/**
 * Spark's ANSI cast of a string to a number: the string (trimmed) must be
 * a number of the target's syntax, else CAST raises CAST_INVALID_INPUT and
 * TRY_CAST gives NULL. A literal is checked here; other strings by
 * `regexp_full_match`.
 */
export function stringToNumber(
  operand: RenderedArgument,
  target: SqlType,
  safe: boolean,
  castSql: (sql: string, type: SqlType, safe?: boolean) => string,
): string | undefined {
  const syntax = NUMBER_SYNTAX[target.kind];
  if (!syntax) return undefined;
  const invalid = raise(SPARK_ERRORS.castInvalidInput(sparkTypeName(target)));
  const { literal } = operand;
  if (literal?.type === 'string') {
    if (numberSyntax(target)!.test(literal.value)) {
      return castSql(operand.sql, target, safe);
    }
    return castSql(safe ? 'NULL' : invalid, target);
  }
  const matches = `regexp_full_match(${operand.sql}, '(?i)\\s*(${syntax})\\s*')`;
  return safe
    ? `CASE WHEN ${matches} THEN ${castSql(operand.sql, target, true)} END`
    : `CASE WHEN NOT ${matches} THEN ${invalid} ELSE ${castSql(
        operand.sql,
        target,
      )} END`;
}

/** Digits of one limb of a wide product: 19, so a product of two fits. */
const LIMB_DIGITS = 19;

/**
 * Spark's decimal product `left * right` when Spark lowered the scale of
 * its result (precision loss: the exact product needs more than 38
 * digits). DuckDB multiplies the unscaled values in 128 bits and raises
 * when they overflow, although Spark's rounded result fits; so the exact
 * product is computed here in three limbs of 19 digits and rounded HALF_UP
 * to the result's scale, raising only where Spark raises.
 *
 * With |A| = a1·10^19 + a0 and |B| = b1·10^19 + b0 the product is
 * P = L2·10^38 + L1·10^19 + L0; the result's unscaled value is
 * round(P / 10^k) with k = s1 + s2 − s, whose rounding digit is P's digit
 * at k − 1.
 */
export function exactDecimalProduct(
  left: RenderedArgument,
  leftShape: DecimalShape,
  right: RenderedArgument,
  rightShape: DecimalShape,
  result: DecimalShape,
): string {
  const a = unscaled(left, leftShape);
  const b = unscaled(right, rightShape);
  const k = leftShape.scale + rightShape.scale - result.scale;
  if ('value' in a && 'value' in b) {
    const product = a.value * b.value;
    const magnitude = absOf(product);
    const scale = 10n ** BigInt(k);
    const rounded = (magnitude + scale / 2n) / scale;
    return fromUnscaled({ value: signOf(product) * rounded }, result);
  }
  const limb = powerOfTen(LIMB_DIGITS);
  const part = (value: Unscaled, operator: '//' | '%') => {
    if ('value' in value) {
      const limbValue = 10n ** BigInt(LIMB_DIGITS);
      const magnitude = absOf(value.value);
      const known =
        operator === '//' ? magnitude / limbValue : magnitude % limbValue;
      return `CAST(${known} AS HUGEINT)`;
    }
    return `abs(${value.sql}) ${operator} ${limb}`;
  };
  // The factors' limbs and then the product's are bound once each by a
  // lambda over a one-element list, as DuckDB has no LET.
  const factors = `{'a1': ${part(a, '//')}, 'a0': ${part(a, '%')}, 'b1': ${part(
    b,
    '//',
  )}, 'b0': ${part(b, '%')}}`;
  const t0 = `f.a0 * f.b0`;
  const t1 = `(f.a1 * f.b0 % ${limb} + f.a0 * f.b1 % ${limb} + ${t0} // ${limb})`;
  const productLimbs = `{'l0': ${t0} % ${limb}, 'l1': ${t1} % ${limb}, 'l2': f.a1 * f.b1 + f.a1 * f.b0 // ${limb} + f.a0 * f.b1 // ${limb} + ${t1} // ${limb}}`;
  const limbs = ['p.l0', 'p.l1', 'p.l2'];
  /** The digit of P at position `n` (0 is the units). */
  const digit = (n: number) => {
    const index = Math.min(Math.floor(n / LIMB_DIGITS), 2);
    return `${limbs[index]} // ${powerOfTen(n - index * LIMB_DIGITS)} % 10`;
  };
  // floor(P / 10^k): the limbs wholly below 10^k cannot carry into it.
  const terms: string[] = [];
  for (let index = 2; index >= 0; index--) {
    const shift = index * LIMB_DIGITS - k;
    if (index < 2 && (index + 1) * LIMB_DIGITS <= k) continue;
    terms.push(
      shift >= 0
        ? `${limbs[index]} * ${powerOfTen(shift)}`
        : `${limbs[index]} // ${powerOfTen(-shift)}`,
    );
  }
  let magnitude = `${terms.join(' + ')} + CASE WHEN ${digit(
    k - 1,
  )} >= 5 THEN 1 ELSE 0 END`;
  if (k < 2 * LIMB_DIGITS) {
    // A top limb of 10^k or more makes a result of more than 38 digits,
    // which Spark's decimal(38, s) cannot hold (nor a HUGEINT compute).
    magnitude = `CASE WHEN p.l2 >= ${powerOfTen(k)} THEN ${raise(
      SPARK_ERRORS.decimalOverflow(result),
    )} ELSE ${magnitude} END`;
  }
  const rounded = `list_transform([${factors}], lambda f: list_transform([${productLimbs}], lambda p: ${magnitude})[1])[1]`;
  const sign = [a, b]
    .map(value =>
      'value' in value ? String(signOf(value.value)) : `sign(${value.sql})`,
    )
    .join(' * ');
  return fromUnscaled({ sql: `${sign} * ${rounded}` }, result);
}
