import { checkedDivision, sparkDivision } from '../../dialect/duckdbNumbers';
import { numericResultType } from '../operatorTypes';
import { Precedence, primary } from '../precedence';
import { numericValueOf } from '../literals';
import { boundedDecimal } from '../typeRules';
import { isIntegralType, SqlTypes } from '../types';
import {
  caseWhen,
  castSql,
  numberArgument,
  optional,
  param,
  renamed,
  repeated,
  signature,
} from './define';
import type {
  FunctionDefinition,
  FunctionRenderer,
  RenderedArgument,
  ReturnRule,
} from './definition';

const { double, bigint } = SqlTypes;

/** ceil and floor: bigint, except that decimals stay exact. */
const wholeNumberResult: ReturnRule = {
  describe: 'bigint; decimal(p-s+1,0) for decimal(p,s)',
  infer: ([x]) => {
    if (x.type.kind === 'decimal') {
      return boundedDecimal(x.type.precision - x.type.scale + 1, 0);
    }
    return x.type.kind === 'unknown' ? SqlTypes.unknown : bigint;
  },
};

/**
 * round and bround: the input type; for decimal(p,s) Spark's
 * `RoundBase.dataType`: decimal(p-s+1+min(s,scale), min(s,scale)) for a
 * scale ≥ 0, decimal(max(p-s+1, 1-scale), 0) for a negative one.
 */
const roundedResult: ReturnRule = {
  describe:
    'type of x; decimal(p-s+1+min(s,scale),min(s,scale)) for decimal(p,s), decimal(max(p-s+1,1-scale),0) for a negative scale',
  infer: ([x, scale]) => {
    if (x.type.kind !== 'decimal') return x.type;
    const { precision, scale: s } = x.type;
    const digits = numericValueOf(scale?.literal) ?? 0;
    if (digits < 0) {
      return boundedDecimal(Math.max(precision - s + 1, 1 - digits), 0);
    }
    const newScale = Math.min(s, digits);
    return boundedDecimal(precision - s + 1 + newScale, newScale);
  },
};

/** The type of Spark's `x / y` (try_divide's result). */
const quotientResult: ReturnRule = {
  describe: 'double; a decimal by the rules of `/` when x or y is a decimal',
  infer: ([x, y]) => numericResultType('/', x, y),
};

/**
 * Spark's round(x, d) on DuckDB. Spark rounds HALF_UP: integers with a
 * negative d exactly, raising ARITHMETIC_OVERFLOW when the result leaves
 * the type (DuckDB wraps: round(2147483647, -1) = -2147483646); decimals to
 * the result type; doubles through their shortest decimal string
 * (`BigDecimal(Double.toString(x))`: round(1.005D, 2) = 1.01, where
 * DuckDB's binary rounding gives 1.0).
 */
const roundHalfUp: FunctionRenderer = context => {
  const [x] = context.args;
  const digits = numberArgument(context.args, 1) ?? 0;
  const { resultType } = context;
  switch (x.type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint': {
      if (digits >= 0) return { sql: x.sql, precedence: x.precedence };
      const exact = castSql(context, x.sql, SqlTypes.decimal(38, 0));
      return castSql(context, `round(${exact}, ${digits})`, resultType);
    }
    case 'decimal':
      return castSql(context, context.call('round'), resultType);
    case 'double': {
      const text = castSql(context, x.sql, SqlTypes.string);
      const decimal = castSql(context, text, SqlTypes.decimal(38, 21));
      const rounded = castSql(context, `round(${decimal}, ${digits})`, double);
      // Doubles of 10^17 and more have no fractional digits to round, and
      // NaN and infinities stay as they are (abs(NaN) is not below).
      return caseWhen(`abs(${x.sql}) < 1e17`, rounded, x.sql);
    }
    default:
      return context.call('round');
  }
};

/** A function of doubles that DuckDB spells the same way. */
function doubleFunction(
  name: string,
  description: string,
  example: string,
  parameters: readonly string[] = ['x'],
): FunctionDefinition {
  return {
    name,
    category: 'math',
    kind: 'scalar',
    description,
    signatures: [
      signature(
        parameters.map(p => param(p, 'double')),
        double,
      ),
    ],
    example,
  };
}

/**
 * The integer x rounded HALF_EVEN to a multiple of 10^n, as a HUGEINT:
 * the truncated quotient, moved away from zero when the remainder is over
 * half, or exactly half and the quotient odd. The cast to the result type
 * raises ARITHMETIC_OVERFLOW's equivalent when it no longer fits.
 */
function halfEvenToPowerOfTen(x: RenderedArgument, n: number): string {
  const value = `CAST(${x.sql} AS HUGEINT)`;
  const unit = `1${'0'.repeat(n)}`;
  const quotient = `${value} // ${unit}`;
  const twiceRemainder = `abs(${value} % ${unit}) * 2`;
  const awayFromZero = `${twiceRemainder} > ${unit} OR (${twiceRemainder} = ${unit} AND (${quotient}) % 2 <> 0)`;
  return `(${quotient} + CASE WHEN ${awayFromZero} THEN sign(${value}) ELSE 0 END) * ${unit}`;
}

/** pmod(x, y): the remainder moved into [0, |y|) when negative. */
function positiveRemainder(x: RenderedArgument, y: RenderedArgument): string {
  const remainder = `${x.operand(Precedence.multiplicative)} % ${y.operand(
    Precedence.unary,
  )}`;
  return caseWhen(
    `${remainder} < 0`,
    `(${remainder} + ${y.operand(Precedence.multiplicative)}) % ${y.operand(
      Precedence.unary,
    )}`,
    remainder,
  );
}

/** Mathematical functions. */
export const mathFunctions: readonly FunctionDefinition[] = [
  {
    name: 'abs',
    category: 'math',
    kind: 'scalar',
    description: 'The absolute value.',
    signatures: [signature([param('x', 'N')], 'N')],
    example: 'abs(-7.5)',
  },
  {
    name: 'ceil',
    aliases: ['ceiling'],
    category: 'math',
    kind: 'scalar',
    description: 'The smallest whole number not less than x.',
    signatures: [signature([param('x', 'numeric')], wholeNumberResult)],
    example: 'ceil(4.1)',
    render: {
      // DuckDB's ceil keeps a decimal's precision and makes a double a
      // double; Spark's is decimal(p-s+1,0) or a bigint.
      duckdb: context =>
        context.resultType.kind === 'unknown'
          ? context.call('ceil')
          : castSql(context, context.call('ceil'), context.resultType),
    },
  },
  {
    name: 'floor',
    category: 'math',
    kind: 'scalar',
    description: 'The largest whole number not greater than x.',
    signatures: [signature([param('x', 'numeric')], wholeNumberResult)],
    example: 'floor(-4.1)',
    render: {
      // DuckDB's floor keeps a decimal's precision and makes a double a
      // double; Spark's is decimal(p-s+1,0) or a bigint.
      duckdb: context =>
        context.resultType.kind === 'unknown'
          ? context.call('floor')
          : castSql(context, context.call('floor'), context.resultType),
    },
  },
  {
    name: 'round',
    category: 'math',
    kind: 'scalar',
    description:
      'x rounded to `scale` decimal places (default 0), halves away from zero.',
    signatures: [
      signature(
        [param('x', 'N'), optional('scale', 'int', { literal: true })],
        roundedResult,
      ),
    ],
    example: 'round(2.345, 2)',
    render: { duckdb: roundHalfUp },
  },
  {
    name: 'try_divide',
    category: 'math',
    kind: 'scalar',
    description:
      'x / y, or NULL when y is 0 (where `/` raises DIVIDE_BY_ZERO in ANSI mode).',
    signatures: [
      signature([param('x', 'numeric'), param('y', 'numeric')], quotientResult),
    ],
    example: 'try_divide(7, 0)',
    render: {
      duckdb: context =>
        sparkDivision(
          context.args[0],
          context.args[1],
          context.resultType,
          (sql, type) => castSql(context, sql, type),
          'null',
        ),
    },
  },
  {
    name: 'bround',
    category: 'math',
    kind: 'scalar',
    description:
      "x rounded to `scale` decimal places (default 0), halves to the even neighbour (banker's rounding).",
    signatures: [
      signature(
        [param('x', 'N'), optional('scale', 'int', { literal: true })],
        roundedResult,
      ),
    ],
    example: 'bround(2.5)',
    render: {
      duckdb: context => {
        const [x] = context.args;
        const digits = numberArgument(context.args, 1) ?? 0;
        if (isIntegralType(x.type)) {
          // Spark keeps an integer as it is for a scale ≥ 0, and rounds it
          // exactly to tens or more (DuckDB's round_even works in double).
          return digits >= 0
            ? { sql: x.sql, precedence: x.precedence }
            : castSql(
                context,
                halfEvenToPowerOfTen(x, -digits),
                context.resultType,
              );
        }
        const call = context.call('round_even', [
          x.sql,
          context.args[1]?.sql ?? '0',
        ]);
        // DuckDB's round_even computes in double; keep Spark's exact decimal type.
        return context.resultType.kind === 'decimal'
          ? castSql(context, call, context.resultType)
          : call;
      },
    },
  },
  {
    name: 'pmod',
    category: 'math',
    kind: 'scalar',
    description: 'The positive remainder of x divided by y.',
    signatures: [signature([param('x', 'N'), param('y', 'N')], 'N')],
    example: 'pmod(-7, 3)',
    render: {
      // Spark's pmod by zero raises DIVIDE_BY_ZERO, DuckDB's gives NULL.
      duckdb: ({ args: [x, y] }) =>
        checkedDivision(x, y, primary(positiveRemainder(x, y))),
    },
  },
  doubleFunction('sqrt', 'The square root.', 'sqrt(16)'),
  doubleFunction('cbrt', 'The cube root.', 'cbrt(27)'),
  {
    ...doubleFunction('pow', 'x raised to the power y.', 'pow(2, 10)', [
      'x',
      'y',
    ]),
    aliases: ['power'],
  },
  doubleFunction('exp', "Euler's number raised to the power x.", 'exp(0)'),
  doubleFunction('ln', 'The natural logarithm.', 'ln(1)'),
  {
    name: 'log',
    category: 'math',
    kind: 'scalar',
    description:
      'The logarithm of x to `base`; the natural logarithm with one argument.',
    signatures: [
      signature([param('base', 'double'), param('x', 'double')], double),
      signature([param('x', 'double')], double),
    ],
    example: 'log(2, 8)',
    // DuckDB's one-argument log is log10, Spark's is ln.
    render: {
      duckdb: context => context.call(context.args.length === 1 ? 'ln' : 'log'),
    },
  },
  doubleFunction('log10', 'The base-10 logarithm.', 'log10(1000)'),
  doubleFunction('log2', 'The base-2 logarithm.', 'log2(8)'),
  {
    ...doubleFunction('sign', 'The sign of x: -1.0, 0.0 or 1.0.', 'sign(-3)'),
    aliases: ['signum'],
    // DuckDB's sign keeps the argument's type; Spark's is a double.
    render: {
      duckdb: context => castSql(context, context.call('sign'), double),
    },
  },
  {
    name: 'pi',
    category: 'math',
    kind: 'scalar',
    description: 'The number π.',
    signatures: [signature([], double)],
    example: 'pi()',
    render: { duckdb: renamed('pi') },
  },
  {
    name: 'greatest',
    category: 'conditional',
    kind: 'scalar',
    description: 'The largest of the values, skipping NULLs.',
    signatures: [signature([param('value', 'T'), repeated('value', 'T')], 'T')],
    example: 'greatest(3, NULL, 7, 5)',
  },
  {
    name: 'least',
    category: 'conditional',
    kind: 'scalar',
    description: 'The smallest of the values, skipping NULLs.',
    signatures: [signature([param('value', 'T'), repeated('value', 'T')], 'T')],
    example: 'least(3, NULL, 7, 5)',
  },
];
