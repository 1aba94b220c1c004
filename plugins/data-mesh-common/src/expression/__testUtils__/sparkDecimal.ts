/**
 * An exact reference for Spark's decimal arithmetic in ANSI mode, on
 * bigints, written from Spark's sources independently of the compiler's
 * type rules:
 *
 * - result types: `DecimalPrecision` / `Add`, `Multiply`, `Divide`
 *   `resultDecimalType` with `spark.sql.decimalOperations.allowPrecisionLoss`
 *   (the default), i.e. `DecimalType.adjustPrecisionScale`;
 * - values: `java.math.BigDecimal` arithmetic; `Decimal./` divides to
 *   scale 39 (MAX_SCALE + 1) HALF_UP; every result is then brought to its
 *   type with `changePrecision(p, s, HALF_UP)`, and a value that does not
 *   fit raises NUMERIC_VALUE_OUT_OF_RANGE (ANSI); a zero divisor raises
 *   DIVIDE_BY_ZERO.
 */

const MAX_PRECISION = 38;

/** A decimal value with its Spark type. */
export interface SparkDecimal {
  /** The digits without the point: the value is unscaled · 10^-scale. */
  readonly unscaled: bigint;
  readonly precision: number;
  readonly scale: number;
}

/** An expression of decimal literals, casts and the four operators. */
export type DecimalExpression =
  | { readonly kind: 'literal'; readonly text: string }
  | {
      readonly kind: 'cast';
      readonly operand: DecimalExpression;
      readonly precision: number;
      readonly scale: number;
    }
  | {
      readonly kind: 'binary';
      readonly operator: '+' | '-' | '*' | '/';
      readonly left: DecimalExpression;
      readonly right: DecimalExpression;
    };

/** An error Spark raises in ANSI mode, by its error class. */
export class SparkArithmeticError extends Error {
  constructor(
    readonly errorClass: 'DIVIDE_BY_ZERO' | 'NUMERIC_VALUE_OUT_OF_RANGE',
  ) {
    super(errorClass);
  }
}

/** The expression as Spark SQL text. */
export function decimalExpressionSql(expression: DecimalExpression): string {
  switch (expression.kind) {
    case 'literal':
      return expression.text;
    case 'cast':
      return `CAST(${decimalExpressionSql(expression.operand)} AS DECIMAL(${
        expression.precision
      }, ${expression.scale}))`;
    default:
      return `(${decimalExpressionSql(expression.left)} ${
        expression.operator
      } ${decimalExpressionSql(expression.right)})`;
  }
}

const pow10 = (n: number) => 10n ** BigInt(n);
const abs = (n: bigint) => (n < 0n ? -n : n);
const digitCount = (n: bigint) => (n === 0n ? 0 : abs(n).toString().length);

/** `BigDecimal.divide(d, RoundingMode.HALF_UP)` of integers: n / d rounded. */
function divideHalfUp(n: bigint, d: bigint): bigint {
  const quotient = n / d;
  const remainder = n % d;
  if (2n * abs(remainder) < abs(d)) return quotient;
  return quotient + (n < 0n !== d < 0n ? -1n : 1n);
}

/** The unscaled value at another scale, rounded HALF_UP. */
function rescale(unscaled: bigint, from: number, to: number): bigint {
  return to >= from
    ? unscaled * pow10(to - from)
    : divideHalfUp(unscaled, pow10(from - to));
}

/** Spark's `changePrecision(p, s, HALF_UP)` in ANSI mode. */
function toType(
  unscaled: bigint,
  scale: number,
  precision: number,
  newScale: number,
): SparkDecimal {
  const value = rescale(unscaled, scale, newScale);
  if (digitCount(value) > precision) {
    throw new SparkArithmeticError('NUMERIC_VALUE_OUT_OF_RANGE');
  }
  return { unscaled: value, precision, scale: newScale };
}

/** `DecimalType.adjustPrecisionScale` (precision loss allowed). */
function adjusted(precision: number, scale: number): [number, number] {
  if (precision <= MAX_PRECISION) return [precision, scale];
  const integralDigits = precision - scale;
  const minimumScale = Math.min(scale, 6);
  return [
    MAX_PRECISION,
    Math.max(MAX_PRECISION - integralDigits, minimumScale),
  ];
}

/** The type Spark gives `a op b` for decimals. */
export function sparkResultType(
  operator: '+' | '-' | '*' | '/',
  a: { precision: number; scale: number },
  b: { precision: number; scale: number },
): [number, number] {
  const { precision: p1, scale: s1 } = a;
  const { precision: p2, scale: s2 } = b;
  switch (operator) {
    case '+':
    case '-': {
      const scale = Math.max(s1, s2);
      return adjusted(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
    }
    case '*':
      return adjusted(p1 + p2 + 1, s1 + s2);
    default: {
      const scale = Math.max(6, s1 + p2 + 1);
      return adjusted(p1 - s1 + s2 + scale, scale);
    }
  }
}

/** A decimal literal's value and type, as Spark reads `12.340`. */
function literal(text: string): SparkDecimal {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text
    .replace(/^-/, '')
    .replace(/BD$/, '')
    .split('.');
  const scale = fraction.length;
  const unscaled = BigInt(`${whole}${fraction}`) * (negative ? -1n : 1n);
  const wholeDigits = whole.replace(/^0+/, '').length;
  return { unscaled, precision: Math.max(wholeDigits + scale, 1), scale };
}

/**
 * What the evaluation met: whether an exact intermediate (a product, or a
 * sum's terms at their common scale) had more than 38 digits, which
 * 128-bit arithmetic cannot hold although Spark's BigDecimal can.
 */
export interface EvaluationNotes {
  wideIntermediate: boolean;
}

/** Spark's value of the expression; throws {@link SparkArithmeticError}. */
export function evaluateSparkDecimal(
  expression: DecimalExpression,
  notes: EvaluationNotes = { wideIntermediate: false },
): SparkDecimal {
  const evaluate = (e: DecimalExpression) => evaluateSparkDecimal(e, notes);
  const note = (...values: bigint[]) => {
    if (values.some(v => digitCount(v) > MAX_PRECISION)) {
      notes.wideIntermediate = true;
    }
  };
  switch (expression.kind) {
    case 'literal':
      return literal(expression.text);
    case 'cast': {
      const value = evaluate(expression.operand);
      return toType(
        value.unscaled,
        value.scale,
        expression.precision,
        expression.scale,
      );
    }
    default: {
      const a = evaluate(expression.left);
      const b = evaluate(expression.right);
      const [precision, scale] = sparkResultType(expression.operator, a, b);
      switch (expression.operator) {
        case '+':
        case '-': {
          const common = Math.max(a.scale, b.scale);
          const x = rescale(a.unscaled, a.scale, common);
          const y = rescale(b.unscaled, b.scale, common);
          const sum = expression.operator === '+' ? x + y : x - y;
          note(x, y, sum);
          return toType(sum, common, precision, scale);
        }
        // DuckDB computes a product exactly in limbs of 19 digits, so
        // a product of more than 38 digits is not a wide intermediate.
        case '*':
          return toType(
            a.unscaled * b.unscaled,
            a.scale + b.scale,
            precision,
            scale,
          );
        default: {
          if (b.unscaled === 0n) {
            throw new SparkArithmeticError('DIVIDE_BY_ZERO');
          }
          // a / b to scale 39: (A·10^-s1) / (B·10^-s2) · 10^39.
          const divisionScale = MAX_PRECISION + 1;
          const shift = divisionScale + b.scale - a.scale;
          const quotient =
            shift >= 0
              ? divideHalfUp(a.unscaled * pow10(shift), b.unscaled)
              : divideHalfUp(a.unscaled, b.unscaled * pow10(-shift));
          return toType(quotient, divisionScale, precision, scale);
        }
      }
    }
  }
}

/** The value as DuckDB writes a decimal: `-12.340`, `0.05`, `7`. */
export function sparkDecimalText({ unscaled, scale }: SparkDecimal): string {
  const digits = abs(unscaled)
    .toString()
    .padStart(scale + 1, '0');
  const point = digits.length - scale;
  const text =
    scale === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return unscaled < 0n ? `-${text}` : text;
}
