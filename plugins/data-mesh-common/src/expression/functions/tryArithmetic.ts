/**
 * Spark's `try_` arithmetic: the operator's result, or NULL where the
 * operator would raise an error (overflow); and `positive` / `negative`.
 */
import { numericResultType } from '../operatorTypes';
import { Precedence } from '../precedence';
import { INTEGER_RANGES, SqlType, SqlTypes } from '../types';
import { castSql, param, signature } from './define';
import type {
  FunctionDefinition,
  FunctionRenderContext,
  ReturnRule,
} from './definition';

type Operator = '+' | '-' | '*';

/** The operator's result type, as for `a op b`. */
function resultOf(operator: Operator): ReturnRule {
  return {
    describe: `the type of \`x ${operator} y\``,
    infer: ([x, y]) =>
      numericResultType(
        operator,
        { type: x.type, literal: x.literal },
        { type: y.type, literal: y.literal },
      ),
  };
}

/** The number's type; a bare NULL is a double, as Spark casts it. */
const NUMBER_OR_DOUBLE: ReturnRule = {
  describe: 'type of x',
  infer: ([x]) => (x.type.kind === 'null' ? SqlTypes.double : x.type),
};

/** An integer type's range and the DuckDB type that holds any result. */
const INTEGER_BOUNDS: Partial<
  Record<SqlType['kind'], { min: string; max: string; wider: string }>
> = {
  tinyint: { ...integerBounds('tinyint'), wider: 'INTEGER' },
  smallint: { ...integerBounds('smallint'), wider: 'INTEGER' },
  int: { ...integerBounds('int'), wider: 'BIGINT' },
  bigint: { ...integerBounds('bigint'), wider: 'HUGEINT' },
};

function integerBounds(kind: keyof typeof INTEGER_RANGES) {
  const { min, max } = INTEGER_RANGES[kind];
  return { min: String(min), max: String(max) };
}

/**
 * `x op y`, or NULL when it overflows. Integers are computed in a wider
 * type and range-checked, so that errors of the operands themselves still
 * raise, as in Spark; decimals (whose overflow needs 38 digits) use TRY.
 */
function tryOperation(
  context: FunctionRenderContext,
  operator: Operator,
): string {
  const [x, y] = context.args;
  const { resultType } = context;
  const range = INTEGER_BOUNDS[resultType.kind];
  if (range) {
    const wide = (sql: string) => `CAST(${sql} AS ${range.wider})`;
    const exact = `${wide(x.sql)} ${operator} ${wide(y.sql)}`;
    return `CASE WHEN ${exact} BETWEEN ${range.min} AND ${
      range.max
    } THEN ${castSql(context, exact, resultType)} END`;
  }
  const sql = context.dialect.arithmetic(operator, x, y, resultType).sql;
  return resultType.kind === 'decimal' ? `TRY(${sql})` : sql;
}

function tryFunction(
  name: string,
  operator: Operator,
  description: string,
  example: string,
): FunctionDefinition {
  return {
    name,
    category: 'math',
    kind: 'scalar',
    description,
    signatures: [
      signature([param('x', 'N'), param('y', 'N')], resultOf(operator)),
    ],
    example,
    render: { duckdb: context => tryOperation(context, operator) },
  };
}

/** try_add, try_subtract, try_multiply (try_divide is with the math functions), positive, negative. */
export const tryArithmeticFunctions: readonly FunctionDefinition[] = [
  tryFunction(
    'try_add',
    '+',
    '`x + y`, or NULL when the sum overflows its type.',
    'try_add(2147483647, 1)',
  ),
  tryFunction(
    'try_subtract',
    '-',
    '`x - y`, or NULL when the difference overflows its type.',
    'try_subtract(-2147483647, 2)',
  ),
  tryFunction(
    'try_multiply',
    '*',
    '`x * y`, or NULL when the product overflows its type.',
    'try_multiply(65536, 65536)',
  ),
  {
    name: 'mod',
    category: 'math',
    kind: 'scalar',
    description:
      'The remainder of x divided by y, with the sign of x. Same as `x % y`.',
    signatures: [
      signature([param('x', 'N'), param('y', 'N')], {
        describe: 'the type of `x % y`',
        infer: ([x, y]) =>
          numericResultType(
            '%',
            { type: x.type, literal: x.literal },
            { type: y.type, literal: y.literal },
          ),
      }),
    ],
    example: 'mod(-7, 3)',
    render: {
      duckdb: context =>
        context.dialect.arithmetic(
          '%',
          context.args[0],
          context.args[1],
          context.resultType,
        ),
    },
  },
  {
    name: 'positive',
    category: 'math',
    kind: 'scalar',
    description: 'The number itself. Same as unary `+`.',
    signatures: [signature([param('x', 'N')], NUMBER_OR_DOUBLE)],
    example: 'positive(-2.5)',
    render: {
      duckdb: context =>
        context.resultType.kind === 'double' &&
        context.args[0].type.kind === 'null'
          ? castSql(context, 'NULL', SqlTypes.double)
          : context.args[0].operand(Precedence.unary),
    },
  },
  {
    name: 'negative',
    category: 'math',
    kind: 'scalar',
    description:
      'The number negated; an error when that overflows. Same as unary `-`.',
    signatures: [signature([param('x', 'N')], NUMBER_OR_DOUBLE)],
    example: 'negative(2.5)',
    render: {
      // Cast back: DuckDB reads -(-2147483648) as a bigint.
      duckdb: context => {
        const negated = `-(${context.args[0].sql})`;
        const { resultType } = context;
        return resultType.kind === 'unknown'
          ? negated
          : castSql(context, negated, resultType);
      },
    },
  },
];
