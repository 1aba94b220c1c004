/**
 * Spark's rules for combining and converting types, reduced to the types of
 * this language. Decimal results follow Spark's `DecimalPrecision` rules
 * (with `spark.sql.decimalOperations.allowPrecisionLoss`, the default) so that
 * the schemas the pipeline compiler propagates match what Spark produces.
 */
import {
  isNumericType,
  MAX_DECIMAL_PRECISION,
  SqlType,
  SqlTypes,
  sqlTypesEqual,
} from './types';

/** The precision and scale of a decimal. */
export interface DecimalShape {
  readonly precision: number;
  readonly scale: number;
}

/** Spark's exact decimal for each numeric type (doubles have none). */
export function decimalShape(type: SqlType): DecimalShape | undefined {
  switch (type.kind) {
    case 'tinyint':
      return { precision: 3, scale: 0 };
    case 'smallint':
      return { precision: 5, scale: 0 };
    case 'int':
      return { precision: 10, scale: 0 };
    case 'bigint':
      return { precision: 20, scale: 0 };
    case 'decimal':
      return type;
    default:
      return undefined;
  }
}

/** Spark's `DecimalType.bounded`: clamp precision and scale to 38. */
export function boundedDecimal(precision: number, scale: number): SqlType {
  return SqlTypes.decimal(
    Math.min(precision, MAX_DECIMAL_PRECISION),
    Math.min(scale, MAX_DECIMAL_PRECISION),
  );
}

/**
 * Spark's `DecimalType.adjustPrecisionScale`: when a result needs more than
 * 38 digits, keep the integral digits and give up scale, but keep at least
 * 6 fractional digits.
 */
function adjustedDecimal(precision: number, scale: number): SqlType {
  if (precision <= MAX_DECIMAL_PRECISION) {
    return SqlTypes.decimal(precision, scale);
  }
  const integralDigits = precision - scale;
  const minimumScale = Math.min(scale, 6);
  const adjustedScale = Math.max(
    MAX_DECIMAL_PRECISION - integralDigits,
    minimumScale,
  );
  return SqlTypes.decimal(MAX_DECIMAL_PRECISION, adjustedScale);
}

function widerDecimal(a: DecimalShape, b: DecimalShape): SqlType {
  const scale = Math.max(a.scale, b.scale);
  const range = Math.max(a.precision - a.scale, b.precision - b.scale);
  return boundedDecimal(range + scale, scale);
}

/** Spark's integer types, narrowest first. */
const INTEGER_WIDTHS = ['tinyint', 'smallint', 'int', 'bigint'] as const;

/** The narrowest numeric type that holds values of both numeric types. */
function widerNumeric(a: SqlType, b: SqlType): SqlType {
  if (a.kind === 'double' || b.kind === 'double') return SqlTypes.double;
  if (a.kind === 'decimal' || b.kind === 'decimal') {
    return widerDecimal(decimalShape(a)!, decimalShape(b)!);
  }
  // Spark widens integers to the wider of the two: tinyint + tinyint stays
  // a tinyint (and overflows as one), tinyint + int is an int.
  const widthOf = (type: SqlType) =>
    (INTEGER_WIDTHS as readonly string[]).indexOf(type.kind);
  const width = Math.max(widthOf(a), widthOf(b));
  return width < 0 ? SqlTypes.int : SqlTypes[INTEGER_WIDTHS[width]];
}

/**
 * The type values of both types convert to, as for the branches of CASE,
 * the arguments of coalesce or the items of an IN list; `undefined` when
 * there is none. Strings do not silently become numbers or dates here.
 *
 * @public
 */
export function commonSupertype(a: SqlType, b: SqlType): SqlType | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return SqlTypes.unknown;
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (sqlTypesEqual(a, b)) return a;
  if (isNumericType(a) && isNumericType(b)) return widerNumeric(a, b);
  if (
    (a.kind === 'date' || a.kind === 'timestamp') &&
    (b.kind === 'date' || b.kind === 'timestamp')
  ) {
    return SqlTypes.timestamp;
  }
  if (a.kind === 'array' && b.kind === 'array') {
    const element = commonSupertype(a.element, b.element);
    return element && SqlTypes.array(element);
  }
  return undefined;
}

/** The common supertype of all `types`, or `undefined` if there is none. */
export function commonSupertypeOf(
  types: readonly SqlType[],
): SqlType | undefined {
  let result: SqlType | undefined = SqlTypes.null;
  for (const type of types) {
    result = result && commonSupertype(result, type);
  }
  return result;
}

/** The arithmetic operators whose result type depends on operand types. */
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

/**
 * The result type of `a <op> b` for numeric operands. `/` divides in double
 * unless a decimal is involved (Spark never divides integers integrally with
 * `/`; that is `DIV`).
 */
export function arithmeticResultType(
  operator: ArithmeticOperator,
  a: SqlType,
  b: SqlType,
): SqlType {
  if (a.kind === 'double' || b.kind === 'double') return SqlTypes.double;
  const decimalInvolved = a.kind === 'decimal' || b.kind === 'decimal';
  if (!decimalInvolved) {
    return operator === '/' ? SqlTypes.double : widerNumeric(a, b);
  }
  const { precision: p1, scale: s1 } = decimalShape(a)!;
  const { precision: p2, scale: s2 } = decimalShape(b)!;
  switch (operator) {
    case '+':
    case '-': {
      const scale = Math.max(s1, s2);
      return adjustedDecimal(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
    }
    case '*':
      return adjustedDecimal(p1 + p2 + 1, s1 + s2);
    case '/': {
      const scale = Math.max(6, s1 + p2 + 1);
      return adjustedDecimal(p1 - s1 + s2 + scale, scale);
    }
    case '%': {
      const scale = Math.max(s1, s2);
      return adjustedDecimal(Math.min(p1 - s1, p2 - s2) + scale, scale);
    }
    default:
      throw new Error(`unknown arithmetic operator ${operator}`);
  }
}

/** How two values are compared: the comparison type and any conversions. */
export interface ComparisonCoercion {
  readonly type: SqlType;
  /** Set when the left value must be converted to `type` first. */
  readonly convertLeft?: SqlType;
  readonly convertRight?: SqlType;
}

/**
 * How Spark compares values of types `a` and `b`, or `undefined` when they
 * cannot be compared. Besides common supertypes, a string compared with a
 * date or timestamp is read as one (`order_date >= '2024-01-01'`).
 */
export function comparisonCoercion(
  a: SqlType,
  b: SqlType,
): ComparisonCoercion | undefined {
  const common = commonSupertype(a, b);
  if (common) return { type: common };
  const isDatetime = (t: SqlType) =>
    t.kind === 'date' || t.kind === 'timestamp';
  if (a.kind === 'string' && isDatetime(b)) return { type: b, convertLeft: b };
  if (b.kind === 'string' && isDatetime(a)) return { type: a, convertRight: a };
  return undefined;
}

/**
 * Whether `CAST(x AS to)` is allowed for `x` of type `from`: conversions
 * that Spark and DuckDB both define with the same meaning.
 */
export function canCast(from: SqlType, to: SqlType): boolean {
  if (from.kind === 'null' || from.kind === 'unknown') return true;
  if (to.kind === 'unknown') return true;
  if (from.kind === 'interval' || to.kind === 'interval') return false;
  if (sqlTypesEqual(from, to)) return true;
  if (to.kind === 'string') return true;
  if (from.kind === 'array' || to.kind === 'array') {
    return (
      from.kind === 'array' &&
      to.kind === 'array' &&
      canCast(from.element, to.element)
    );
  }
  if (from.kind === 'string') return true;
  const isNumericOrBoolean = (t: SqlType) =>
    isNumericType(t) || t.kind === 'boolean';
  if (isNumericOrBoolean(from) && isNumericOrBoolean(to)) return true;
  const isDatetime = (t: SqlType) =>
    t.kind === 'date' || t.kind === 'timestamp';
  return isDatetime(from) && isDatetime(to);
}
