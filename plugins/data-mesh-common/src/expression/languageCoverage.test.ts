/**
 * @jest-environment node
 */
import { openDuckDb, queryRows } from './__testUtils__/duckdb';
import { sparkParseError } from './__testUtils__/polyglot';
import { analyzeExpression } from './analyze';
import { isExpressionError } from './errors';
import { FUNCTION_EXAMPLE_SCOPE } from './functions/exampleScope';
import { renderExpression } from './render';
import { formatSqlType } from './types';

/**
 * Issue 10, items 7 and 8: the functions, literals, keyword syntax and
 * implicit conversions users reach for first. Each case states Spark's
 * value and type, from Spark's SQL function reference
 * (https://spark.apache.org/docs/latest/api/sql/) and its ANSI-mode rules
 * (sql-ref-ansi-compliance, `AnsiStringPromotionTypeCoercion`), and is
 * evaluated on DuckDB through the rendering. Values are as DuckDB's JSON
 * rows print them (bigints and decimals as strings).
 */
const CASES: ReadonlyArray<[string, unknown, string]> = [
  // months_between: 31-day months, 8 digits unless roundOff is false.
  ["months_between('1997-02-28 10:30:00', '1996-10-30')", 3.94959677, 'double'],
  [
    "months_between('1997-02-28 10:30:00', '1996-10-30', false)",
    3.9495967741935485,
    'double',
  ],
  // Same day of month, or both month ends: whole months, time ignored.
  [
    "months_between(TIMESTAMP '2024-03-31 23:00:00', DATE '2024-02-29')",
    1,
    'double',
  ],
  [
    "months_between('2017-06-01 00:00:00', '2017-06-16 12:00:00')",
    -0.5,
    'double',
  ],
  // datediff with a unit and timestampdiff: whole units (Java's ChronoUnit).
  ["datediff(MONTH, DATE '2024-01-31', DATE '2024-02-29')", '0', 'bigint'],
  ["datediff(MONTH, DATE '2024-01-31', DATE '2024-03-31')", '2', 'bigint'],
  ["timestampdiff(YEAR, DATE '2020-02-29', DATE '2021-02-28')", '0', 'bigint'],
  [
    "timestampdiff(MONTH, TIMESTAMP '2024-01-15 10:00:00', TIMESTAMP '2024-02-15 09:00:00')",
    '0',
    'bigint',
  ],
  [
    "timestampdiff(HOUR, TIMESTAMP '2024-01-02 10:00:00', TIMESTAMP '2024-01-01 11:30:00')",
    '-22',
    'bigint',
  ],
  [
    "timestampadd(MONTH, 1, TIMESTAMP '2024-01-31 10:00:00')",
    '2024-02-29 10:00:00',
    'timestamp',
  ],
  ["dateadd(DAY, 2, DATE '2024-01-31')", '2024-02-02 00:00:00', 'timestamp'],
  // extract and date_part.
  ["extract(YEAR FROM TIMESTAMP '2019-08-12 01:00:00.123456')", 2019, 'int'],
  ["extract(week FROM TIMESTAMP '2019-08-12 01:00:00.123456')", 33, 'int'],
  ["extract(doy FROM DATE '2019-08-12')", 224, 'int'],
  [
    "extract(SECONDS FROM TIMESTAMP '2019-10-01 00:00:01.000001')",
    '1.000001',
    'decimal(8,6)',
  ],
  ["date_part('MONTH', DATE '2019-08-12')", 8, 'int'],
  ["next_day('2015-01-14', 'TU')", '2015-01-20', 'date'],
  ["weekday(DATE '2009-07-30')", 3, 'int'],
  ["dayname(DATE '2008-02-20')", 'Wed', 'string'],
  ["to_date('16', 'dd')", '1970-01-16', 'date'],
  // try_ arithmetic: NULL on overflow only.
  ['try_add(2147483647, 1)', null, 'int'],
  ['try_add(1, 2)', 3, 'int'],
  ['try_multiply(9223372036854775807L, 2)', null, 'bigint'],
  ['try_subtract(-2147483647, 2)', null, 'int'],
  // Typed literals and intervals.
  // Spark: tinyint + smallint is a smallint.
  ['1Y + 2S', 3, 'smallint'],
  ["TIMESTAMP_NTZ '2024-01-05 10:11:12'", '2024-01-05 10:11:12', 'timestamp'],
  ["DATE '2024-01-31' + INTERVAL '1-1' YEAR TO MONTH", '2025-02-28', 'date'],
  [
    "TIMESTAMP '2024-01-01 00:00:00' + INTERVAL '1 02:03:04' DAY TO SECOND",
    '2024-01-02 02:03:04',
    'timestamp',
  ],
  // Keyword forms.
  ["trim(BOTH 'SL' FROM 'SSparkSQLS')", 'parkSQ', 'string'],
  ["trim(LEADING 'SL' FROM 'SSparkSQLS')", 'parkSQLS', 'string'],
  ["trim(TRAILING 'SL' FROM 'SSparkSQLS')", 'SSparkSQ', 'string'],
  ["substring('Spark SQL' FROM 5 FOR 1)", 'k', 'string'],
  ["position('bar' IN 'foobarbar')", 4, 'int'],
  [
    "overlay('Spark SQL' PLACING 'ANSI ' FROM 7 FOR 0)",
    'Spark ANSI SQL',
    'string',
  ],
  ["overlay('Spark SQL' PLACING 'CORE' FROM 7)", 'Spark CORE', 'string'],
  // ANSI string promotion in comparisons, strings for numbers, NULLs.
  ["1 = '1'", true, 'boolean'],
  ["2.5 > '2.25'", true, 'boolean'],
  ["true = 'true'", true, 'boolean'],
  ["date_add('2011-11-11', '1')", '2011-11-12', 'date'],
  ["datediff('2024-01-02', '2024-01-01')", 1, 'int'],
  ['date_add(NULL, 1)', null, 'date'],
  ['upper(NULL)', null, 'string'],
  ['coalesce(NULL, 1)', 1, 'int'],
];

/** Where Spark raises an error: the local run must raise too. */
const RAISES: readonly string[] = [
  // CAST_INVALID_INPUT: 'abc' is not a bigint.
  "1 = 'abc'",
  // ARITHMETIC_OVERFLOW outside try_add still raises inside it.
  'try_add(1, 2147483647 + 1)',
];

/** What the binder refuses, and where. */
const REFUSED: ReadonlyArray<[string, string]> = [
  ["X'1F'", "1:1: binary literals (X'…') are not supported"],
  ['128Y', '1:1: tinyint literal 128Y is out of range (-128 to 127)'],
  [
    'INTERVAL 1 YEAR 2 DAYS',
    '1:1: an INTERVAL literal cannot mix years or months with days',
  ],
  [
    "to_timestamp('9', 'DDD')",
    "1:19: pattern letter 'D' (day of the year) in 'DDD' is not supported",
  ],
  [
    'datediff(WEEKS, DATE "2024-01-01", DATE "2024-02-01")',
    '1:10: unknown column `WEEKS`',
  ],
  ["extract(FOO FROM DATE '2024-01-01')", '1:9: the field must be one of'],
];

describe('functions and syntax users reach for first, on DuckDB', () => {
  let duckdb: Awaited<ReturnType<typeof openDuckDb>>;
  beforeAll(async () => {
    duckdb = await openDuckDb();
  });
  afterAll(() => duckdb.close());

  it.each(CASES)('%s is %p (%s)', async (text, value, type) => {
    const bound = analyzeExpression(text, FUNCTION_EXAMPLE_SCOPE);
    const sql = renderExpression(bound, 'duckdb');
    const [row] = await queryRows(duckdb.connection, `SELECT ${sql} AS v`);
    expect({ sql, value: row.v, type: formatSqlType(bound.type) }).toEqual({
      sql,
      value,
      type,
    });
  });

  it.each(CASES.map(([text]) => text))(
    '%s renders as Spark SQL that parses',
    async text => {
      const sql = renderExpression(
        analyzeExpression(text, FUNCTION_EXAMPLE_SCOPE),
        'spark',
      );
      expect({ sql, error: await sparkParseError(sql) }).toEqual({
        sql,
        error: undefined,
      });
    },
  );

  it.each(RAISES)('%s raises, as in Spark', async text => {
    const sql = renderExpression(
      analyzeExpression(text, FUNCTION_EXAMPLE_SCOPE),
      'duckdb',
    );
    await expect(
      queryRows(duckdb.connection, `SELECT ${sql} AS v`),
    ).rejects.toThrow();
  });

  it.each(REFUSED)('%s is refused: %s', (text, message) => {
    let error: unknown;
    try {
      renderExpression(
        analyzeExpression(text, FUNCTION_EXAMPLE_SCOPE),
        'duckdb',
      );
    } catch (caught) {
      error = caught;
    }
    expect(isExpressionError(error) && error.message).toContain(message);
  });
});
