/**
 * @jest-environment node
 */
import { createHash } from 'crypto';
import { duckDbDialect } from '../../dialect';
import {
  comparable,
  openDuckDb,
  queryRows,
  rounded,
} from '../__testUtils__/duckdb';
import { analyzeExpression } from '../analyze';
import { renderExpression } from '../render';
import { defaultFunctionCatalogue } from './catalogue';
import type { FunctionDefinition } from './definition';
import { FUNCTION_EXAMPLE_SCOPE } from './exampleScope';

/** The result depends on the clock: only its type is checked. */
const CLOCK = Symbol('depends on the clock');

const hex = (algorithm: string, text: string) =>
  createHash(algorithm).update(text, 'utf8').digest('hex');

/**
 * What Spark returns for each scalar example of the catalogue, written down
 * from Spark's documented semantics (not from DuckDB).
 */
const SPARK_SCALAR_RESULTS: Record<string, unknown> = {
  upper: 'DATA MESH',
  lower: 'data mesh',
  initcap: 'Hello Data Mesh',
  length: 9,
  trim: 'mesh',
  ltrim: 'mesh  ',
  rtrim: '  mesh',
  substring: 'SQL',
  left: 'Spark',
  right: 'SQL',
  concat: 'order-42',
  concat_ws: 'a-b',
  lpad: '007',
  rpad: 'abxyx',
  replace: 'a+b+c',
  translate: 'dATA',
  regexp_replace: '05.03.2024',
  regexp_extract: '1234',
  rlike: true,
  split: ['a', 'b', 'c'],
  split_part: 'west',
  instr: 6,
  locate: 6,
  startswith: true,
  endswith: true,
  contains: true,
  reverse: 'hsem',
  repeat: 'ababab',
  ascii: 65,
  chr: 'M',
  levenshtein: 3,
  btrim: 'mesh',
  // é is two bytes in UTF-8.
  octet_length: 12,
  bit_length: 72,
  space: '[   ]',
  substring_index: 'www.apache',
  regexp_count: 3,
  regexp_extract_all: ['1', '22', '333'],
  overlay: 'Structured SQL',
  sin: 0,
  cos: 1,
  tan: 0,
  cot: 1 / Math.tan(1),
  sec: 1,
  csc: 1 / Math.sin(1),
  asin: Math.PI / 2,
  acos: 0,
  atan: 0,
  atan2: 0,
  sinh: 0,
  cosh: 1,
  tanh: 0,
  asinh: 0,
  acosh: 0,
  atanh: 0,
  degrees: 180,
  radians: Math.PI,
  e: Math.E,
  hypot: 5,
  factorial: 120,
  nullifzero: null,
  zeroifnull: 0,
  isnan: true,
  nanvl: 0,
  current_date: CLOCK,
  current_timestamp: CLOCK,
  date_add: '2024-03-01',
  date_sub: '2024-02-29',
  datediff: 4,
  add_months: '2024-02-29',
  last_day: '2024-02-29',
  make_date: '2024-03-05',
  make_timestamp: '2024-03-05 13:04:05.5',
  date_format: '05.03.2024 13:04',
  to_date: '2024-03-05',
  to_timestamp: '2024-03-05 13:04:00',
  trunc: '2024-05-01',
  date_trunc: '2024-05-17 13:00:00',
  year: 2024,
  quarter: 2,
  month: 3,
  day: 5,
  dayofweek: 7,
  dayofyear: 366,
  weekofyear: 1,
  hour: 13,
  minute: 4,
  second: 5,
  unix_timestamp: 1704067200,
  timestamp_seconds: '2024-01-01 00:00:00',
  // 14 days over a 31-day month, rounded to 8 digits.
  months_between: 1.4516129,
  // The end's time of day is before the start's: one whole month.
  timestampdiff: 1,
  timestampadd: '2024-02-29 10:00:00',
  date_part: 7,
  next_day: '2024-03-11',
  weekday: 6,
  from_unixtime: '2024-03-05 13:04',
  unix_date: 19787,
  date_from_unix_date: '2024-03-05',
  unix_seconds: 1704067201,
  unix_millis: 1704067201500,
  unix_micros: 1704067201500000,
  timestamp_millis: '2024-01-01 00:00:00',
  timestamp_micros: '2024-01-01 00:00:00',
  dayname: 'Sat',
  monthname: 'Mar',
  try_add: null,
  try_subtract: null,
  try_multiply: null,
  mod: -1,
  try_to_date: null,
  try_to_timestamp: null,
  positive: -2.5,
  negative: -2.5,
  abs: 7.5,
  ceil: 5,
  floor: -5,
  round: 2.35,
  try_divide: null,
  bround: 2,
  pmod: 2,
  sqrt: 4,
  cbrt: 3,
  pow: 1024,
  exp: 1,
  ln: 0,
  log: 3,
  log10: 3,
  log2: 3,
  sign: -1,
  pi: Math.PI,
  greatest: 7,
  least: 3,
  if: 'yes',
  coalesce: 'fallback',
  nvl: 0,
  nvl2: 'missing',
  nullif: null,
  isnull: true,
  isnotnull: true,
  equal_null: true,
  md5: hex('md5', 'mesh'),
  sha1: hex('sha1', 'mesh'),
  sha2: hex('sha256', 'mesh'),
  base64: Buffer.from('mesh').toString('base64'),
  hex: '6D657368',
  array: ['a', 'b', 'c'],
  size: 3,
  array_contains: true,
  element_at: 'c',
  try_element_at: null,
  array_position: 3,
  array_join: 'a, c',
  sort_array: [3, 1, null],
  array_max: 7,
  array_min: 3,
};

// The orders table (see ORDERS_TABLE): prices 10.0, 1.5, 2.5 and NULL.
const prices = [10, 1.5, 2.5];
const meanPrice = prices.reduce((a, b) => a + b) / prices.length;
const squaredDeviations = prices.reduce(
  (sum, p) => sum + (p - meanPrice) ** 2,
  0,
);

/** Spark's result for each aggregate example over the orders table. */
const SPARK_AGGREGATE_RESULTS: Record<
  string,
  { value: unknown; where?: string; unordered?: boolean }
> = {
  count: { value: 2 },
  sum: { value: 8 },
  avg: { value: meanPrice },
  min: { value: '2024-01-05' },
  max: { value: '2024-01-07' },
  median: { value: 2 },
  count_if: { value: 2 },
  approx_count_distinct: { value: 2 },
  bool_and: { value: false },
  bool_or: { value: true },
  collect_list: { value: [1, 2, 5], unordered: true },
  collect_set: { value: ['ann', 'bob'], unordered: true },
  // first, last and any_value pick an arbitrary row: ask a group where all agree.
  first: { value: 'ann', where: "customer = 'ann'" },
  last: { value: 'ann', where: "customer = 'ann'" },
  any_value: { value: 'ann', where: "customer = 'ann'" },
  max_by: { value: 'ann' },
  min_by: { value: 'bob' },
  stddev: { value: Math.sqrt(squaredDeviations / 2) },
  stddev_pop: { value: Math.sqrt(squaredDeviations / 3) },
  variance: { value: squaredDeviations / 2 },
  var_pop: { value: squaredDeviations / 3 },
};

/** Spark's result of each window example, for orders 1, 2, 3 and 4. */
const SPARK_WINDOW_RESULTS: Record<string, unknown[]> = {
  row_number: [1, 1, 2, 3],
  rank: [1, 1, 2, 3],
  dense_rank: [1, 1, 2, 3],
  // Spark sorts NULLs first when ascending: order 4 ranks lowest.
  percent_rank: [2 / 3, 1, 1 / 3, 0],
  cume_dist: [0.75, 1, 0.5, 0.25],
  ntile: [1, 1, 2, 2],
  lag: [null, null, 2, 1],
  lead: [1, 0, null, 0],
  first_value: [2, 5, 2, 2],
  last_value: [null, 5, null, null],
  nth_value: [null, null, 1, 1],
};

const functions = defaultFunctionCatalogue.functions;
const byKind = (kind: FunctionDefinition['kind']) =>
  functions.filter(f => f.kind === kind).map(f => [f.name, f] as const);

/**
 * The DuckDB type `typeof()` must print for the bound type: exactly the one
 * the dialect names, so that a column DuckDB writes has the width and
 * precision Spark's has (an int must not come back as a BIGINT). Every type
 * an example returns has a DuckDB name typeof() prints back, so no example
 * needs a looser comparison by type family.
 */
function expectedDuckDbType(definition: FunctionDefinition): string {
  const { type } = analyzeExpression(
    definition.example,
    FUNCTION_EXAMPLE_SCOPE,
  );
  return type.kind === 'null' ? '"NULL"' : duckDbDialect.typeName(type);
}

/** DuckDB's `typeof()` writes `DECIMAL(10,2)`; the dialect `DECIMAL(10, 2)`. */
const normalizedTypeName = (name: unknown) => String(name).replace(/\s+/g, '');

function duckDbSql(definition: FunctionDefinition): {
  sql: string;
  type: string;
} {
  const bound = analyzeExpression(definition.example, FUNCTION_EXAMPLE_SCOPE);
  return {
    sql: renderExpression(bound, 'duckdb'),
    type: normalizedTypeName(expectedDuckDbType(definition)),
  };
}

describe('the function catalogue on DuckDB', () => {
  let duckdb: Awaited<ReturnType<typeof openDuckDb>>;
  beforeAll(async () => {
    duckdb = await openDuckDb();
  });
  afterAll(() => duckdb.close());

  it('has more than 60 functions', () => {
    expect(functions.length).toBeGreaterThan(60);
  });

  it('has a Spark result written down for every example', () => {
    const expected = [
      ...Object.keys(SPARK_SCALAR_RESULTS),
      ...Object.keys(SPARK_AGGREGATE_RESULTS),
      ...Object.keys(SPARK_WINDOW_RESULTS),
    ].sort();
    expect(functions.map(f => f.name).sort()).toEqual(expected);
  });

  it.each(byKind('scalar'))(
    '%s: the DuckDB rendering of the example returns what Spark returns',
    async (name, definition) => {
      const { sql, type } = duckDbSql(definition);
      const [row] = await queryRows(
        duckdb.connection,
        `SELECT ${sql} AS v, typeof(${sql}) AS t`,
      );
      expect({ name, sql, type: normalizedTypeName(row.t) }).toEqual({
        name,
        sql,
        type,
      });
      // Values that depend on the clock are not compared.
      const expected = SPARK_SCALAR_RESULTS[name];
      const value = expected === CLOCK ? CLOCK : comparable(row.v, expected);
      expect({ name, sql, value }).toEqual({
        name,
        sql,
        value: rounded(expected),
      });
    },
  );

  it.each(byKind('aggregate'))(
    '%s: the DuckDB rendering of the example aggregates what Spark aggregates',
    async (name, definition) => {
      const { sql, type } = duckDbSql(definition);
      const {
        value: expected,
        where,
        unordered,
      } = SPARK_AGGREGATE_RESULTS[name];
      const filter = where ? ` WHERE ${where}` : '';
      const [row] = await queryRows(
        duckdb.connection,
        `SELECT ${sql} AS v, typeof(${sql}) AS t FROM orders${filter}`,
      );
      let value = row.v;
      if (unordered && Array.isArray(value)) value = [...value].sort();
      expect({ name, sql, type: normalizedTypeName(row.t) }).toEqual({
        name,
        sql,
        type,
      });
      expect({ name, sql, value: comparable(value, expected) }).toEqual({
        name,
        sql,
        value: rounded(expected),
      });
    },
  );

  it.each(byKind('window'))(
    '%s: the DuckDB rendering of the example computes what Spark computes',
    async (name, definition) => {
      const { sql, type } = duckDbSql(definition);
      const rows = await queryRows(
        duckdb.connection,
        `SELECT id, ${sql} AS v, typeof(${sql}) AS t FROM orders ORDER BY id`,
      );
      const expected = SPARK_WINDOW_RESULTS[name];
      expect({ name, sql, type: normalizedTypeName(rows[0].t) }).toEqual({
        name,
        sql,
        type,
      });
      expect({
        name,
        sql,
        values: comparable(
          rows.map(r => r.v),
          expected,
        ),
      }).toEqual({
        name,
        sql,
        values: rounded(expected),
      });
    },
  );
});
