/**
 * @jest-environment node
 */
import fc from 'fast-check';
import { openDuckDb, queryRows } from './__testUtils__/duckdb';
import {
  DecimalExpression,
  decimalExpressionSql,
  evaluateSparkDecimal,
  SparkArithmeticError,
  sparkDecimalText,
} from './__testUtils__/sparkDecimal';
import { analyzeExpression } from './analyze';
import { isExpressionError } from './errors';
import { renderExpression } from './render';

/**
 * Random decimal arithmetic, rendered for DuckDB and run there, gives what
 * Spark gives (ANSI mode): the exact reference of sparkDecimal.ts computes
 * Spark's type and value, HALF_UP, and which expressions raise.
 */

/** Runs stay small so the suite stays fast; set FUZZ_RUNS to fuzz harder. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 250);

const MAX_PRECISION = 38;

/** A precision and a scale of a decimal type. */
const decimalType = fc
  .integer({ min: 1, max: MAX_PRECISION })
  .chain(precision =>
    fc.record({
      precision: fc.constant(precision),
      scale: fc.integer({ min: 0, max: Math.min(precision, 12) }),
    }),
  );

const digits = (count: number) =>
  count === 0
    ? fc.constant('')
    : fc.stringMatching(new RegExp(`^[0-9]{${count}}$`));

/**
 * A decimal literal: at most 12 digits, mostly small so that products and
 * quotients stay in range. Scale 0 is written `12BD` (a bare `12` would be
 * an int).
 */
const literal: fc.Arbitrary<DecimalExpression> = fc
  .record({
    whole: fc.integer({ min: 0, max: 6 }).chain(digits),
    fraction: fc.integer({ min: 0, max: 6 }).chain(digits),
    negative: fc.boolean(),
  })
  .map(({ whole, fraction, negative }) => {
    const number = fraction
      ? `${whole || '0'}.${fraction}`
      : `${whole || '0'}BD`;
    return { kind: 'literal', text: negative ? `-${number}` : number };
  });

const expression: fc.Arbitrary<DecimalExpression> = fc.letrec(tie => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    fc
      .record({
        kind: fc.constant('cast' as const),
        operand: tie('node') as fc.Arbitrary<DecimalExpression>,
        precision: decimalType.map(t => t.precision),
        scale: fc.constant(0),
      })
      .chain(cast =>
        fc
          .integer({ min: 0, max: Math.min(cast.precision, 12) })
          .map(scale => ({
            ...cast,
            scale,
          })),
      ),
    fc.record({
      kind: fc.constant('binary' as const),
      operator: fc.constantFrom(
        '+' as const,
        '-' as const,
        '*' as const,
        '/' as const,
      ),
      left: tie('node') as fc.Arbitrary<DecimalExpression>,
      right: tie('node') as fc.Arbitrary<DecimalExpression>,
    }),
  ),
})).node;

/** Nesting of 1 to 3 operators, as the property is about arithmetic. */
function operatorDepth(e: DecimalExpression): number {
  if (e.kind === 'literal') return 0;
  if (e.kind === 'cast') return operatorDepth(e.operand);
  return 1 + Math.max(operatorDepth(e.left), operatorDepth(e.right));
}

/** The reference's result: the value and type, or the error Spark raises. */
function sparkResult(e: DecimalExpression) {
  const notes = { wideIntermediate: false };
  try {
    const value = evaluateSparkDecimal(e, notes);
    return {
      value: sparkDecimalText(value),
      type: `DECIMAL(${value.precision},${value.scale})`,
      wideIntermediate: notes.wideIntermediate,
    };
  } catch (error) {
    if (error instanceof SparkArithmeticError) {
      return { error: error.errorClass };
    }
    throw error;
  }
}

type DuckDbResult =
  | { refused: string }
  | { sql: string; boundType: string; raised: string }
  | { sql: string; boundType: string; value: string; type: unknown };

/**
 * How DuckDB's result compares with Spark's: refused (fine: the user is
 * told), an error where Spark raises one, a value equal to Spark's in value
 * and type, or an overflow where an exact intermediate needs more than the
 * 38 digits DuckDB computes with (a known limit: it raises, never a wrong
 * value). Anything else is the problem returned.
 */
function compare(
  spark: ReturnType<typeof sparkResult>,
  duck: DuckDbResult,
): {
  outcome: 'refused' | 'errors' | 'values' | 'wide';
  problem?: string;
} {
  if ('refused' in duck) return { outcome: 'refused' };
  if ('error' in spark) {
    return 'raised' in duck
      ? { outcome: 'errors' }
      : { outcome: 'errors', problem: `Spark raises ${spark.error}` };
  }
  if ('raised' in duck) {
    const overflow = /overflow|out of range/i.test(duck.raised);
    return spark.wideIntermediate && overflow
      ? { outcome: 'wide' }
      : { outcome: 'values', problem: `DuckDB raised ${duck.raised}` };
  }
  const actual = `${duck.value} :: ${duck.type} (bound ${duck.boundType})`;
  const expected = `${spark.value} :: ${spark.type} (bound ${spark.type})`;
  return actual === expected
    ? { outcome: 'values' }
    : { outcome: 'values', problem: `${actual}, Spark ${expected}` };
}

describe('decimal arithmetic on DuckDB', () => {
  let duckdb: Awaited<ReturnType<typeof openDuckDb>>;
  beforeAll(async () => {
    duckdb = await openDuckDb();
  });
  afterAll(() => duckdb.close());

  /** What DuckDB gives for the rendered expression. */
  async function duckDbResult(text: string): Promise<DuckDbResult> {
    let sql: string;
    let bound;
    try {
      bound = analyzeExpression(text, { inputs: [] });
      sql = renderExpression(bound, 'duckdb');
    } catch (error) {
      if (isExpressionError(error) && error.code === 'unsupported') {
        return { refused: error.message };
      }
      throw error;
    }
    const boundType =
      bound.type.kind === 'decimal'
        ? `DECIMAL(${bound.type.precision},${bound.type.scale})`
        : bound.type.kind;
    try {
      const [row] = await queryRows(
        duckdb.connection,
        `SELECT CAST(${sql} AS VARCHAR) AS v, typeof(${sql}) AS t`,
      );
      // DuckDB writes decimal(p,p) without the leading zero: `.5`.
      const value = String(row.v).replace(/^(-?)\./, '$10.');
      return { sql, boundType, value, type: row.t };
    } catch (error) {
      return { sql, boundType, raised: (error as Error).message };
    }
  }

  it(
    'equals the exact reference, rounded HALF_UP, and raises where Spark raises',
    async () => {
      const tally = { values: 0, errors: 0, refused: 0, wide: 0 };
      await fc.assert(
        fc.asyncProperty(
          expression.filter(e => {
            const depth = operatorDepth(e);
            return depth >= 1 && depth <= 3;
          }),
          async e => {
            const text = decimalExpressionSql(e);
            const duck = await duckDbResult(text);
            const { outcome, problem } = compare(sparkResult(e), duck);
            tally[outcome]++;
            expect({
              text,
              sql: 'sql' in duck ? duck.sql : '',
              problem,
            }).toEqual({
              text,
              sql: 'sql' in duck ? duck.sql : '',
              problem: undefined,
            });
          },
        ),
        { numRuns: RUNS },
      );
      // Most expressions compute a value; few are refused.
      expect(tally.values).toBeGreaterThan(RUNS / 2);
      expect(tally.refused).toBeLessThan(RUNS / 20);
      expect(tally.wide).toBeLessThan(RUNS / 20);
    },
    Math.max(180_000, RUNS * 750),
  );
});
