/**
 * @jest-environment node
 */
import { duckDbDialect } from '../dialect';
import { openDuckDb, queryRows } from './__testUtils__/duckdb';
import { analyzeExpression } from './analyze';
import { renderExpression } from './render';
import { formatSqlType } from './types';

/**
 * Spark's integer widths on DuckDB: the value, the type Spark gives
 * (`typeof` in Spark SQL) and the DuckDB type the rendering must have, so
 * that a column DuckDB writes has Spark's width. Spark's results are those
 * of its ANSI-mode golden files (literals.sql.out, math.sql.out,
 * try_arithmetic.sql.out) and its type coercion rules: a `Y` literal is a
 * tinyint, `S` a smallint; integer arithmetic has the wider operand's type.
 */
const TYPED_RESULTS: Array<[string, unknown, string]> = [
  ['1Y', 1, 'tinyint'],
  ['127Y', 127, 'tinyint'],
  ['-128Y', -128, 'tinyint'],
  ['1S', 1, 'smallint'],
  ['-32768S', -32768, 'smallint'],
  // A minus directly before a number is part of the literal in Spark.
  ['-2147483648', -2147483648, 'int'],
  ['- 2147483648', -2147483648, 'int'],
  ['-9223372036854775808', '-9223372036854775808', 'bigint'],
  ['-9223372036854775809', '-9223372036854775809', 'decimal(19,0)'],
  // Unary minus on the bigint literal 2147483648 stays a bigint.
  ['-(2147483648)', '-2147483648', 'bigint'],
  ['round(25Y, -1)', 30, 'tinyint'],
  ['bround(25Y, -1)', 20, 'tinyint'],
  ['round(525S, -1)', 530, 'smallint'],
  ['bround(525S, -3)', 1000, 'smallint'],
  ['1Y + 1Y', 2, 'tinyint'],
  ['1Y + 2S', 3, 'smallint'],
  ['127Y + 1', 128, 'int'],
  ['1 + 127Y', 128, 'int'],
  ['100Y * 2', 200, 'int'],
  ['32767S + 1L', '32768', 'bigint'],
  ['127Y + 1.5', '128.5', 'decimal(5,1)'],
  ['try_add(127Y, 1Y)', null, 'tinyint'],
  ['try_add(126Y, 1Y)', 127, 'tinyint'],
  ['greatest(1Y, 1000)', 1000, 'int'],
  ['greatest(1Y, 2)', 2, 'int'],
  ['coalesce(1Y, 2)', 1, 'int'],
  ['coalesce(NULL, 1Y)', 1, 'tinyint'],
  ['if(true, 1Y, 2)', 1, 'int'],
  ['CASE WHEN true THEN 1Y ELSE 2 END', 1, 'int'],
  ['CASE WHEN true THEN 1Y ELSE 2S END', 1, 'smallint'],
  ['array(1Y, 2)', [1, 2], 'array<int>'],
  ['array(1Y, 2Y)', [1, 2], 'array<tinyint>'],
  ['nullif(1Y, 2)', 1, 'tinyint'],
  // nullif(a, b) is if(a = b, NULL, a) in Spark: the type of a.
  ['nullif(1, 2L)', 1, 'int'],
  ['nullif(2L, 1)', '2', 'bigint'],
  ['sum(1Y)', '1', 'bigint'],
  ['1Y DIV 2Y', '0', 'bigint'],
  ['1Y / 2Y', 0.5, 'double'],
  ['CAST(1Y AS INT)', 1, 'int'],
  ['CAST(1Y AS STRING)', '1', 'string'],
  ['abs(-5Y)', 5, 'tinyint'],
  ["date_add(DATE '2011-11-11', 1Y)", '2011-11-12', 'date'],
  ["DATE '2001-09-28' + 7Y", '2001-10-05', 'date'],
  ["size(array('b', 'd', 'c', 'a'))", 4, 'int'],
  ['array_position(array(312, 773, 708, 708), 708)', '3', 'bigint'],
];

/** Spark raises ARITHMETIC_OVERFLOW (ANSI mode) for each of these. */
const OVERFLOWS = [
  'round(127Y, -1)',
  'round(-128Y, -1)',
  'round(32767S, -1)',
  'round(-32768S, -1)',
  'bround(127Y, -1)',
  'bround(-128Y, -1)',
  'bround(32767S, -1)',
  'bround(-32768S, -1)',
  '127Y + 1Y',
  '-128Y - 1Y',
  '100Y * 2Y',
  '32767S + 1S',
  '-(-128Y)',
];

function bound(sql: string) {
  return analyzeExpression(sql, { inputs: [] });
}

describe('Spark’s integer widths on DuckDB', () => {
  let duckdb: Awaited<ReturnType<typeof openDuckDb>>;
  beforeAll(async () => {
    duckdb = await openDuckDb();
  });
  afterAll(() => duckdb.close());

  it.each(TYPED_RESULTS)('%s is %p (%s)', async (sql, value, sparkType) => {
    const expression = bound(sql);
    const rendered = renderExpression(expression, 'duckdb');
    const [row] = await queryRows(
      duckdb.connection,
      `SELECT ${rendered} AS v, typeof(${rendered}) AS t`,
    );
    expect({
      sql,
      type: formatSqlType(expression.type),
      value: row.v,
      duckDbType: String(row.t).replace(/\s+/g, ''),
    }).toEqual({
      sql,
      type: sparkType,
      value,
      duckDbType: duckDbDialect.typeName(expression.type).replace(/\s+/g, ''),
    });
  });

  it.each(OVERFLOWS)('%s raises, as Spark does', async sql => {
    const rendered = renderExpression(bound(sql), 'duckdb');
    await expect(
      queryRows(duckdb.connection, `SELECT ${rendered} AS v`),
    ).rejects.toThrow(/overflow|out of range|failed to cast/i);
  });

  it('keeps the tinyint and smallint suffixes in Spark SQL', () => {
    const spark = (sql: string) => renderExpression(bound(sql), 'spark');
    expect(spark('1Y')).toBe('1Y');
    expect(spark('-128Y')).toBe('-128Y');
    expect(spark('1S + 2')).toBe('1S + 2');
    expect(spark('-2147483648')).toBe('-2147483648');
  });

  it('writes a negative literal DuckDB would widen as a cast', () => {
    const duck = (sql: string) => renderExpression(bound(sql), 'duckdb');
    expect(duck('-2147483648')).toBe('CAST(-2147483648 AS INTEGER)');
    expect(duck('-2147483647')).toBe('-2147483647');
    expect(duck('1Y')).toBe('CAST(1 AS TINYINT)');
  });
});
