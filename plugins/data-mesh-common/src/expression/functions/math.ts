import { Precedence } from '../precedence';
import { numericValueOf } from '../literals';
import { boundedDecimal } from '../typeRules';
import { SqlTypes } from '../types';
import {
  caseWhen,
  castSql,
  optional,
  param,
  renamed,
  repeated,
  signature,
} from './define';
import type { FunctionDefinition, ReturnRule } from './definition';

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

/** round and bround: the input type, with a decimal's scale reduced to `scale`. */
const roundedResult: ReturnRule = {
  describe:
    'type of x; decimal(p-s+1+min(s,scale),min(s,scale)) for decimal(p,s)',
  infer: ([x, scale]) => {
    if (x.type.kind !== 'decimal') return x.type;
    const { precision, scale: s } = x.type;
    const newScale = Math.max(
      0,
      Math.min(s, numericValueOf(scale?.literal) ?? 0),
    );
    return boundedDecimal(precision - s + 1 + newScale, newScale);
  },
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
      duckdb: context =>
        context.args[0].type.kind === 'decimal'
          ? context.call('ceil')
          : castSql(context, context.call('ceil'), bigint),
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
      duckdb: context =>
        context.args[0].type.kind === 'decimal'
          ? context.call('floor')
          : castSql(context, context.call('floor'), bigint),
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
        const call = context.call('round_even', [
          context.args[0].sql,
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
      duckdb: ({ args: [x, y] }) => {
        const remainder = `${x.operand(
          Precedence.multiplicative,
        )} % ${y.operand(Precedence.unary)}`;
        return caseWhen(
          `${remainder} < 0`,
          `(${remainder} + ${y.operand(
            Precedence.multiplicative,
          )}) % ${y.operand(Precedence.unary)}`,
          remainder,
        );
      },
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
