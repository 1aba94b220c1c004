import fc from 'fast-check';
import { sexpr } from './__testUtils__/sexpr';
import type {
  Expression,
  FrameBound,
  Identifier,
  IntervalUnit,
  LiteralValue,
  SortItem,
  WindowFrame,
  WindowSpec,
} from './ast';
import { bindExpression } from './bind';
import { isExpressionError } from './errors';
import { defaultFunctionCatalogue } from './functions/catalogue';
import { parseExpression } from './parser';
import { formatExpression, renderExpression } from './render';
import type { BindingScope } from './scope';
import type { SourceSpan } from './span';
import { SqlType, SqlTypes } from './types';

/**
 * Runs stay small so the suite stays fast; a failure prints its seed. Set
 * FUZZ_RUNS to fuzz harder locally.
 */
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 400) };
const MANY_RUNS = { numRuns: RUNS.numRuns * 4 };

const scope: BindingScope = {
  inputs: [
    {
      alias: 'in0',
      columns: [
        { name: 'a', type: SqlTypes.int },
        { name: 'b', type: SqlTypes.double },
        { name: 's', type: SqlTypes.string },
        { name: 'd', type: SqlTypes.date },
        { name: 'flag', type: SqlTypes.boolean },
        { name: 'tags', type: SqlTypes.array(SqlTypes.string) },
      ],
    },
  ],
};

/**
 * Runs the whole pipeline on any text: it may fail, but only with an
 * ExpressionError that points inside the text. Whatever parses must format
 * to text that parses back to the same tree.
 */
function checkPipeline(text: string): void {
  let expression: Expression;
  try {
    expression = parseExpression(text);
  } catch (error) {
    expectPositionedError(error, text);
    return;
  }
  const formatted = formatExpression(expression);
  expect(sexpr(parseExpression(formatted))).toBe(
    sexpr(canonicalNames(expression)),
  );
  try {
    const bound = bindExpression(expression, scope);
    renderExpression(bound, 'spark');
    renderExpression(bound, 'duckdb');
  } catch (error) {
    expectPositionedError(error, text);
  }
}

function expectPositionedError(error: unknown, text: string): void {
  if (!isExpressionError(error)) throw error;
  expect(error.offset).toBeGreaterThanOrEqual(0);
  expect(error.length).toBeGreaterThanOrEqual(0);
  expect(error.offset + error.length).toBeLessThanOrEqual(text.length);
  expect(error.line).toBeGreaterThanOrEqual(1);
  expect(error.column).toBeGreaterThanOrEqual(1);
  expect(error.message.startsWith(`${error.line}:${error.column}: `)).toBe(
    true,
  );
}

/** Pieces of Spark SQL expressions, to build plausible-looking soup. */
const VOCABULARY = [
  'a',
  'b',
  's',
  'd',
  'flag',
  'tags',
  'in0',
  'in1',
  '.',
  '`x y`',
  '`',
  "'",
  '"',
  '1',
  '0',
  '-1',
  '2.5',
  '1e3',
  '7L',
  '1.5BD',
  '2D',
  "'text'",
  "'it''s'",
  "'\\n'",
  "r'\\d'",
  'NULL',
  'TRUE',
  'FALSE',
  'DATE',
  "'2024-02-29'",
  'TIMESTAMP',
  "'2024-01-01 10:00'",
  'INTERVAL',
  'DAY',
  'MONTH',
  '+',
  '-',
  '*',
  '/',
  '%',
  'DIV',
  '||',
  '=',
  '==',
  '!=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  '<=>',
  'AND',
  'OR',
  'NOT',
  'IS',
  'NULL',
  'DISTINCT',
  'FROM',
  'IN',
  'BETWEEN',
  'LIKE',
  'ILIKE',
  'RLIKE',
  'ESCAPE',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'CAST',
  'TRY_CAST',
  'AS',
  'INT',
  'STRING',
  'DECIMAL(10,2)',
  'ARRAY<INT>',
  '::',
  '(',
  ')',
  '(',
  ')',
  ',',
  '[',
  ']',
  '*',
  'upper',
  'coalesce',
  'sum',
  'count',
  'row_number',
  'date_format',
  'OVER',
  'PARTITION',
  'BY',
  'ORDER',
  'ASC',
  'DESC',
  'NULLS',
  'FIRST',
  'ROWS',
  'RANGE',
  'UNBOUNDED',
  'PRECEDING',
  'FOLLOWING',
  'CURRENT',
  'ROW',
  '--',
  '/*',
  '*/',
  '\n',
  '#',
  '!',
  ';',
  'é',
];

/** Valid expressions to mutate. */
const SEEDS = [
  ...defaultFunctionCatalogue.functions.map(f => f.example),
  "CASE WHEN a > 1 AND s LIKE 'x%' THEN b * 2 ELSE -b END",
  "d >= '2024-01-01' OR d IS NULL",
  'sum(b) OVER (PARTITION BY s ORDER BY d DESC NULLS LAST ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)',
  'CAST(a AS DECIMAL(10, 2)) + tags[0] || `in0`.s',
  'a NOT BETWEEN 1 AND 10 AND s NOT IN (\'x\', "y") AND flag IS NOT TRUE',
];

describe('fuzzing', () => {
  it('any string yields a tree or an ExpressionError inside the text', () => {
    expect(() =>
      fc.assert(fc.property(fc.string({ maxLength: 40 }), checkPipeline), RUNS),
    ).not.toThrow();
    expect(() =>
      fc.assert(
        fc.property(fc.fullUnicodeString({ maxLength: 20 }), checkPipeline),
        RUNS,
      ),
    ).not.toThrow();
  });

  it('any sequence of SQL tokens yields a tree or an ExpressionError inside the text', () => {
    const soup = fc
      .array(fc.constantFrom(...VOCABULARY), { maxLength: 25 })
      .chain(tokens =>
        fc
          .array(fc.constantFrom(' ', '', '  '), {
            minLength: tokens.length,
            maxLength: tokens.length,
          })
          .map(gaps => tokens.map((token, i) => `${token}${gaps[i]}`).join('')),
      );
    expect(() =>
      fc.assert(fc.property(soup, checkPipeline), MANY_RUNS),
    ).not.toThrow();
  });

  it('mutated valid expressions yield a tree or an ExpressionError inside the text', () => {
    const mutation = fc.record({
      seed: fc.constantFrom(...SEEDS),
      at: fc.nat(),
      length: fc.nat({ max: 6 }),
      insert: fc.oneof(
        fc.constantFrom(...VOCABULARY),
        fc.string({ maxLength: 3 }),
      ),
    });
    expect(() =>
      fc.assert(
        fc.property(mutation, ({ seed, at, length, insert }) => {
          const position = at % (seed.length + 1);
          checkPipeline(
            seed.slice(0, position) + insert + seed.slice(position + length),
          );
          checkPipeline(
            seed.slice(0, position) + seed.slice(position + length),
          );
        }),
        MANY_RUNS,
      ),
    ).not.toThrow();
  });

  it('formats every tree to Spark SQL that parses back to the same tree', () => {
    expect(() =>
      fc.assert(
        fc.property(expressionArbitrary(), expression => {
          const formatted = formatExpression(expression);
          const reparsed = parseExpression(formatted);
          expect(sexpr(reparsed)).toBe(sexpr(expression));
          expect(formatExpression(reparsed)).toBe(formatted);
        }),
        RUNS,
      ),
    ).not.toThrow();
  });
});

// ---------------------------------------------------------------------------
// Random syntax trees

const SPAN: SourceSpan = { offset: 0, end: 0, line: 1, column: 1 };

/** A node type without its span (distributed over the union). */
type WithoutSpan<T> = T extends unknown ? Omit<T, 'span'> : never;

const name = fc.oneof(
  fc.constantFrom(
    'a',
    'customer_id',
    'select',
    'order id',
    'x`y',
    'END',
    'date',
    'Über',
    'r',
  ),
  fc.string({ minLength: 1, maxLength: 6 }),
);
const identifier: fc.Arbitrary<Identifier> = name.map(value => ({
  value,
  quoted: false,
  span: SPAN,
}));

const literalValue: fc.Arbitrary<LiteralValue> = fc.oneof(
  fc.constant<LiteralValue>({ type: 'null' }),
  fc.boolean().map<LiteralValue>(value => ({ type: 'boolean', value })),
  fc
    .bigInt({ min: -(10n ** 20n), max: 10n ** 20n })
    .map<LiteralValue>(n => ({ type: 'integer', text: String(n) })),
  fc.integer({ min: 0, max: 1000 }).map<LiteralValue>(n => ({
    type: 'integer',
    text: String(n),
    suffix: 'L',
  })),
  fc
    .constantFrom('1.50', '0.5', '-2.25', '100.0')
    .map<LiteralValue>(text => ({ type: 'decimal', text })),
  fc
    .constantFrom('1e3', '2.5E-2')
    .map<LiteralValue>(text => ({ type: 'double', text })),
  fc
    .constantFrom('2', '1.5')
    .map<LiteralValue>(text => ({ type: 'double', text, suffix: 'D' })),
  fc
    .fullUnicodeString({ maxLength: 8 })
    .map<LiteralValue>(value => ({ type: 'string', value })),
  fc
    .constantFrom('2024-02-29', '0001-01-01')
    .map<LiteralValue>(value => ({ type: 'date', value })),
  fc
    .constantFrom('2024-02-29 23:59:59', '2024-01-01 00:00:00.5')
    .map<LiteralValue>(value => ({ type: 'timestamp', value })),
  fc
    .record({
      value: fc.integer({ min: -100, max: 100 }),
      unit: fc.constantFrom<IntervalUnit>(
        'YEAR',
        'MONTH',
        'DAY',
        'HOUR',
        'MINUTE',
        'SECOND',
      ),
    })
    .map<LiteralValue>(({ value, unit }) => ({
      type: 'interval',
      value,
      unit,
    })),
);

const sqlType: fc.Arbitrary<SqlType> = fc.letrec<{ type: SqlType }>(tie => ({
  type: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      SqlTypes.string,
      SqlTypes.int,
      SqlTypes.bigint,
      SqlTypes.double,
      SqlTypes.boolean,
      SqlTypes.date,
      SqlTypes.timestamp,
    ),
    fc
      .integer({ min: 1, max: 38 })
      .chain(p =>
        fc.integer({ min: 0, max: p }).map(s => SqlTypes.decimal(p, s)),
      ),
    tie('type').map(element => SqlTypes.array(element)),
  ),
})).type;

function expressionArbitrary(): fc.Arbitrary<Expression> {
  const { expression } = fc.letrec<{ expression: Expression }>(tie => {
    const child = tie('expression');
    const notNumber = child.filter(
      e =>
        !(
          e.kind === 'literal' &&
          ['integer', 'decimal', 'double'].includes(e.value.type)
        ),
    );
    const node = (n: WithoutSpan<Expression>): Expression =>
      ({ ...n, span: SPAN } as Expression);
    const sortItem: fc.Arbitrary<SortItem> = fc
      .record({
        expression: child,
        direction: fc.constantFrom(undefined, 'ASC' as const, 'DESC' as const),
        nulls: fc.constantFrom(undefined, 'FIRST' as const, 'LAST' as const),
      })
      .map(item => ({ ...item, span: SPAN }));
    const bound: fc.Arbitrary<FrameBound> = fc.oneof(
      fc
        .constantFrom(
          'UNBOUNDED PRECEDING' as const,
          'CURRENT ROW' as const,
          'UNBOUNDED FOLLOWING' as const,
        )
        .map(kind => ({ kind, span: SPAN })),
      fc
        .record({
          kind: fc.constantFrom('PRECEDING' as const, 'FOLLOWING' as const),
          offset: child,
        })
        .map(b => ({ ...b, span: SPAN })),
    );
    const frame: fc.Arbitrary<WindowFrame> = fc
      .record({
        unit: fc.constantFrom('ROWS' as const, 'RANGE' as const),
        start: bound,
        end: fc.option(bound, { nil: undefined }),
      })
      .map(f => ({ ...f, span: SPAN }));
    const window: fc.Arbitrary<WindowSpec> = fc
      .record({
        partitionBy: fc.array(child, { maxLength: 2 }),
        orderBy: fc.array(sortItem, { maxLength: 2 }),
        frame: fc.option(frame, { nil: undefined }),
      })
      .map(w => ({ ...w, span: SPAN }));
    return {
      expression: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        literalValue.map(value => node({ kind: 'literal', value })),
        fc
          .record({
            name: identifier,
            qualifier: fc.option(identifier, { nil: undefined }),
          })
          .map(c => node({ kind: 'column', ...c })),
        fc
          .record({
            operator: fc.constantFrom(
              '-' as const,
              '+' as const,
              'NOT' as const,
            ),
            operand: notNumber,
          })
          .map(u => node({ kind: 'unary', ...u })),
        fc
          .record({
            operator: fc.constantFrom(
              '+',
              '-',
              '*',
              '/',
              '%',
              'DIV',
              '||',
              '=',
              '!=',
              '<',
              '<=',
              '>',
              '>=',
              '<=>',
              'AND',
              'OR' as const,
            ),
            left: child,
            right: child,
          })
          .map(b => node({ kind: 'binary', ...b } as Expression)),
        fc
          .record({
            operand: child,
            test: fc.constantFrom(
              'NULL' as const,
              'TRUE' as const,
              'FALSE' as const,
            ),
            negated: fc.boolean(),
          })
          .map(i => node({ kind: 'is', ...i })),
        fc
          .record({
            operand: child,
            list: fc.array(child, { minLength: 1, maxLength: 3 }),
            negated: fc.boolean(),
          })
          .map(i => node({ kind: 'in', ...i })),
        fc
          .record({
            operand: child,
            low: child,
            high: child,
            negated: fc.boolean(),
          })
          .map(b => node({ kind: 'between', ...b })),
        fc
          .record({
            operator: fc.constantFrom(
              'LIKE' as const,
              'ILIKE' as const,
              'RLIKE' as const,
            ),
            operand: child,
            pattern: child,
            escape: fc.constantFrom(undefined, '!', '\\', "'"),
            negated: fc.boolean(),
          })
          .map(l =>
            node({
              kind: 'like',
              ...l,
              escape: l.operator === 'RLIKE' ? undefined : l.escape,
            }),
          ),
        fc
          .record({
            operand: fc.option(child, { nil: undefined }),
            branches: fc.array(
              fc
                .record({ when: child, then: child })
                .map(b => ({ ...b, span: SPAN })),
              { minLength: 1, maxLength: 2 },
            ),
            otherwise: fc.option(child, { nil: undefined }),
          })
          .map(c => node({ kind: 'case', ...c })),
        fc
          .record({ operand: child, type: sqlType, safe: fc.boolean() })
          .map(c =>
            node({
              kind: 'cast',
              operand: c.operand,
              target: { type: c.type, span: SPAN },
              safe: c.safe,
            }),
          ),
        fc
          .record({
            name: fc
              .constantFrom(
                'upper',
                'coalesce',
                'sum',
                'my_udf',
                'ucase',
                'Count',
              )
              .map(value => ({ value, quoted: false, span: SPAN })),
            args: fc.array(child, { maxLength: 3 }),
            distinct: fc.boolean(),
            star: fc.boolean(),
            window: fc.option(window, { nil: undefined }),
          })
          .map(c => {
            const star = c.star && !c.args.length && !c.distinct;
            return node({
              kind: 'call',
              ...c,
              distinct: c.distinct && c.args.length > 0,
              star,
            });
          }),
        fc
          .record({ operand: child, index: child })
          .map(s => node({ kind: 'subscript', ...s })),
      ),
    };
  });
  // Canonical names: formatting writes aliases under the catalogue's name.
  return expression.map(canonicalNames);
}

/** The tree with aliases replaced by canonical function names, as formatting does. */
function canonicalNames(expression: Expression): Expression {
  return JSON.parse(JSON.stringify(expression), (_key, value) => {
    if (value && typeof value === 'object' && value.kind === 'call') {
      const definition = defaultFunctionCatalogue.lookup(value.name.value);
      const canonical = definition?.name ?? value.name.value.toLowerCase();
      return { ...value, name: { ...value.name, value: canonical } };
    }
    return value;
  });
}
