/**
 * Trigonometric and other double functions Spark has and DuckDB spells the
 * same, or nearly: where DuckDB raises an error outside a function's
 * domain, Spark returns NaN, and so does the rendering.
 */
import { Precedence } from '../precedence';
import { SqlTypes } from '../types';
import { caseWhen, castSql, param, signature, sqlAt } from './define';
import type { FunctionDefinition, FunctionRenderer } from './definition';

const { double, bigint } = SqlTypes;

function doubleFunction(
  name: string,
  description: string,
  example: string,
  options: {
    parameters?: readonly string[];
    render?: FunctionRenderer;
    notes?: string;
  } = {},
): FunctionDefinition {
  const parameters = options.parameters ?? ['x'];
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
    notes: options.notes,
    render: options.render && { duckdb: options.render },
  };
}

/** NaN outside [-1, 1], where DuckDB's asin and acos raise an error. */
function withinUnitRange(name: string): FunctionRenderer {
  return context => {
    const x = context.args[0];
    return caseWhen(
      `${x.operand(Precedence.additive)} BETWEEN -1 AND 1`,
      context.call(name),
      castSql(context, "'NaN'", double),
    );
  };
}

/** Trigonometric, hyperbolic and angle functions, e, hypot and factorial. */
export const trigonometryFunctions: readonly FunctionDefinition[] = [
  doubleFunction('sin', 'The sine of x (radians).', 'sin(0)'),
  doubleFunction('cos', 'The cosine of x (radians).', 'cos(0)'),
  doubleFunction('tan', 'The tangent of x (radians).', 'tan(0)'),
  doubleFunction('cot', 'The cotangent of x (radians): 1 / tan(x).', 'cot(1)', {
    render: context =>
      sqlAt(`1 / tan(${context.args[0].sql})`, Precedence.multiplicative),
  }),
  doubleFunction('sec', 'The secant of x (radians): 1 / cos(x).', 'sec(0)', {
    render: context =>
      sqlAt(`1 / cos(${context.args[0].sql})`, Precedence.multiplicative),
  }),
  doubleFunction('csc', 'The cosecant of x (radians): 1 / sin(x).', 'csc(1)', {
    render: context =>
      sqlAt(`1 / sin(${context.args[0].sql})`, Precedence.multiplicative),
  }),
  doubleFunction('asin', 'The arc sine of x; NaN outside [-1, 1].', 'asin(1)', {
    render: withinUnitRange('asin'),
  }),
  doubleFunction(
    'acos',
    'The arc cosine of x; NaN outside [-1, 1].',
    'acos(1)',
    { render: withinUnitRange('acos') },
  ),
  doubleFunction('atan', 'The arc tangent of x.', 'atan(0)'),
  doubleFunction(
    'atan2',
    'The angle in radians between the positive x-axis and the point (x, y).',
    'atan2(0, 1)',
    { parameters: ['y', 'x'] },
  ),
  doubleFunction('sinh', 'The hyperbolic sine of x.', 'sinh(0)'),
  doubleFunction('cosh', 'The hyperbolic cosine of x.', 'cosh(0)'),
  doubleFunction('tanh', 'The hyperbolic tangent of x.', 'tanh(0)'),
  doubleFunction('asinh', 'The inverse hyperbolic sine of x.', 'asinh(0)'),
  doubleFunction(
    'acosh',
    'The inverse hyperbolic cosine of x; NaN below 1.',
    'acosh(1)',
  ),
  doubleFunction(
    'atanh',
    'The inverse hyperbolic tangent of x; NaN outside [-1, 1].',
    'atanh(0)',
    {
      render: context => {
        const x = context.args[0];
        return caseWhen(
          `${x.operand(Precedence.additive)} BETWEEN -1 AND 1`,
          context.call('atanh'),
          castSql(context, "'NaN'", double),
        );
      },
    },
  ),
  doubleFunction('degrees', 'x radians in degrees.', 'degrees(pi())'),
  doubleFunction('radians', 'x degrees in radians.', 'radians(180)'),
  {
    name: 'e',
    category: 'math',
    kind: 'scalar',
    description: "Euler's number e.",
    signatures: [signature([], double)],
    example: 'e()',
    render: { duckdb: () => 'exp(1)' },
  },
  doubleFunction('hypot', 'The square root of x² + y².', 'hypot(3, 4)', {
    parameters: ['x', 'y'],
    render: ({ args: [x, y] }) =>
      `sqrt(${x.operand(Precedence.multiplicative)} * ${x.operand(
        Precedence.multiplicative,
      )} + ${y.operand(Precedence.multiplicative)} * ${y.operand(
        Precedence.multiplicative,
      )})`,
    notes:
      'DuckDB squares the values, so results beyond 1e154 overflow to infinity where Spark still computes them.',
  }),
  {
    name: 'factorial',
    category: 'math',
    kind: 'scalar',
    description: 'n! for n from 0 to 20; NULL otherwise.',
    signatures: [signature([param('n', 'int')], bigint)],
    example: 'factorial(5)',
    render: {
      duckdb: context => {
        const n = context.args[0];
        return `CASE WHEN ${n.operand(
          Precedence.additive,
        )} BETWEEN 0 AND 20 THEN ${castSql(
          context,
          context.call('factorial'),
          bigint,
        )} END`;
      },
    },
  },
];
