/**
 * @jest-environment node
 */
import {
  comparable,
  duckDbTypeFamily,
  openDuckDb,
  queryRows,
  rounded,
  typeFamily,
} from './__testUtils__/duckdb';
import { sparkParseError } from './__testUtils__/polyglot';
import { analyzeExpression } from './analyze';
import { FUNCTION_EXAMPLE_SCOPE } from './functions/exampleScope';
import { renderExpression } from './render';

/**
 * Operators, literals and conversions whose DuckDB rendering must keep
 * Spark's meaning, with the value Spark gives, written down by hand.
 */
const SCALAR_CASES: Array<[string, unknown]> = [
  ['7 / 2', 3.5],
  ['-7 DIV 2', -3],
  ['7.5 DIV 2', 3],
  ['-7 % 3', -1],
  ['CAST(3.7 AS INT)', 3],
  ['CAST(-3.7 AS INT)', -3],
  ['CAST(2.5D AS BIGINT)', 2],
  ["CAST('12' AS INT) + 1", 13],
  ["'id-' || 42", 'id-42'],
  ["'id-' || (40 + 2)", 'id-42'],
  ["'C:\\\\temp'", 'C:\\temp'],
  ["'It''s' || \"!\"", "It's!"],
  ["'a_b' LIKE 'a\\\\_b'", true],
  ["'axb' LIKE 'a\\\\_b'", false],
  ["'50%' LIKE '%\\\\%'", true],
  ["'a%b' LIKE 'a!%b' ESCAPE '!'", true],
  ["'ABC' ILIKE 'a%'", true],
  ["'order-1234' RLIKE '\\\\d+'", true],
  ["r'x\\d' = 'x\\\\d'", true],
  ["'abc' NOT RLIKE '^b'", true],
  ["DATE '2024-03-05' + INTERVAL 3 DAY", '2024-03-08'],
  ["DATE '2024-03-31' - INTERVAL '1' MONTH", '2024-02-29'],
  ["DATE '2024-03-05' + INTERVAL 2 HOUR", '2024-03-05 02:00:00'],
  ["INTERVAL -3 DAY + DATE '2024-03-05'", '2024-03-02'],
  [
    "TIMESTAMP '2024-03-05 10:00:00' - INTERVAL 90 MINUTE",
    '2024-03-05 08:30:00',
  ],
  ["DATE '2024-03-05' + 1", '2024-03-06'],
  ["DATE '2024-03-05' > '2024-03-01'", true],
  ["DATE '2024-03-05' BETWEEN '2024-03-01' AND '2024-03-31'", true],
  ["datediff('2024-03-05', '2024-03-01')", 4],
  ["year(TIMESTAMP '2024-03-05 10:00:00')", 2024],
  ["hour(DATE '2024-03-05')", 0],
  ["date_add(TIMESTAMP '2024-03-05 23:59:00', 1)", '2024-03-06'],
  ['array(10, 20, 30)[0]', 10],
  ["split('a,b,c', ',')[2]", 'c'],
  ['NULL <=> NULL', true],
  ['1 <=> NULL', false],
  ['1 IS DISTINCT FROM NULL', true],
  ['1 = 1 = true', true],
  ["CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END", 'two'],
  ["CASE WHEN 1 > 2 THEN 'yes' END", null],
  ['3 NOT IN (1, 2)', true],
  ['NULL IN (1, 2)', null],
  ['10000000000 + 1', 10000000001],
  ['1L + 1', 2],
  ['1.5BD * 2', 3],
  ['1.5D * 2', 3],
  ['1e2', 100],
  ['12345678901234567890 + 0', '12345678901234567890'],
  ['-(-1)', 1],
  ['- -1', 1],
  ["'a' = 'a' AND NOT 1 > 2 OR false", true],
  ['NOT NULL IS NULL', false],
  ['TRUE IS NOT FALSE', true],
  ['CAST(1.239 AS DECIMAL(5, 2))', 1.24],
  ["TRY_CAST('x' AS INT)", null],
  ['CAST(DATE "2024-03-05" AS STRING)', '2024-03-05'],
  ['CAST(TRUE AS STRING)', 'true'],
  ["CAST(array('a', 'b') AS STRING)", '[a, b]'],
  ['substring("Spark", 0, 2)', 'Sp'],
  ['substring("Spark", 1 - 1, 2)', 'Sp'],
  ['pmod(7, -3)', 1],
  ["nvl2('x', 1, 2)", 1],
  ['round(-2.5)', -3],
  ['bround(3.5)', 4],
  ['ceil(-0.5D)', 0],
  [
    'date_format(DATE "2024-03-05", "EEEE d MMMM yy, DDD")',
    'Tuesday 5 March 24, 065',
  ],
  [
    "date_format(TIMESTAMP '2024-03-05 13:04:05.123', 'hh:mm:ss.SSS a')",
    '01:04:05.123 PM',
  ],
  ["date_format(DATE '2024-03-05', \"'Q'yyyy '' 100%\")", "Q2024 ' 100%"],
  ["to_date('5.3.2024', 'd.M.yyyy')", '2024-03-05'],
  ["to_date(TIMESTAMP '2024-03-05 10:00:00')", '2024-03-05'],
  ["to_timestamp('2024-03-05')", '2024-03-05 00:00:00'],
  ["regexp_replace('a.b.c', '\\\\.', '\\\\$')", 'a$b$c'],
  ["regexp_extract('abc', '(x)?')", ''],
  ["sort_array(array('b', NULL, 'a'))", [null, 'a', 'b']],
  ['array_position(array(1, 2), 3)', 0],
  ['unix_timestamp(timestamp_seconds(86400))', 86400],
  // Spark's numbers (ANSI mode). Sources: issue 10 (values measured on
  // Databricks), Spark's golden files under sql/core/src/test/resources/
  // sql-tests/results/ (ansi/decimalArithmeticOperations.sql.out,
  // ansi/math.sql.out, ansi/try_arithmetic.sql.out, ansi/try_cast.sql.out,
  // ansi/try_element_at.sql.out, operators.sql.out) and the function docs
  // (spark.apache.org/docs/latest/api/sql/).
  // Decimals divide exactly, HALF_UP (issue 10; DuckDB divides in double).
  ['CAST(20146.92 / 8 AS DECIMAL(18, 2))', 2518.37],
  ['CAST(314.09 / 8 AS DECIMAL(12, 4))', 39.2613],
  ['20146.92 / 8', '2518.365000'],
  // decimalArithmeticOperations.sql.out: decimal(38,9).
  [
    '12345678912345.123456789123 / 0.000000012345678',
    '1000000073899961059796.725866332',
  ],
  // Products Spark rounds to a smaller scale (more than 38 digits exact):
  // decimal(38,18) * decimal(20,19) is decimal(38,16); HALF_UP at scale 6.
  [
    'CAST(-10.3 AS DECIMAL(38, 18)) * CAST(3 AS DECIMAL(20, 19))',
    '-30.9000000000000000',
  ],
  [
    'CAST(0.0000005 AS DECIMAL(38, 18)) * CAST(1 AS DECIMAL(38, 18))',
    '0.000001',
  ],
  [
    'CAST(-0.0000005 AS DECIMAL(38, 18)) * CAST(1 AS DECIMAL(38, 18))',
    '-0.000001',
  ],
  [
    'CAST(0.00000049 AS DECIMAL(38, 18)) * CAST(1 AS DECIMAL(38, 18))',
    '0.000000',
  ],
  [
    // 1219326311370174057710446.516285458237463791 exactly
    'CAST(12345678901234.123456789 AS DECIMAL(38, 18)) * CAST(98765432109.876543219 AS DECIMAL(38, 18))',
    '1219326311370174057710446.516285',
  ],
  ['try_divide(1, 0.5)', 2], // try_arithmetic.sql.out: decimal(8,6) 2.000000
  ['try_divide(1, 0)', null], // try_arithmetic.sql.out
  ['CAST(NULL AS DECIMAL(10, 2)) / 0', null], // NULL dividend: no error
  ['cast(51 as decimal(10, 0)) div cast(2 as decimal(2, 0))', 25], // operators.sql.out
  ['pmod(-7, 3)', 2], // operators.sql.out
  // A double becomes a decimal through its shortest string, HALF_UP.
  ['CAST(2518.365D AS DECIMAL(10, 2))', 2518.37],
  ['round(1.005D, 2)', 1.01],
  ['round(2.5, 0)', 3], // docs: round
  ['bround(2.5, 0)', 2], // docs: bround
  ['round(525, -1)', 530], // math.sql.out
  ['bround(525, -1)', 520], // math.sql.out
  ['round(525L, -3)', 1000], // math.sql.out
  // Strings cast to numbers with the target's syntax only.
  ["TRY_CAST('1.23' AS INT)", null], // try_cast.sql.out
  ["TRY_CAST('1.23' AS BIGINT)", null], // try_cast.sql.out
  ["CAST(' 12 ' AS INT)", 12],
  ["CAST('1e3' AS DECIMAL(10, 2))", 1000],
  ["TRY_CAST('0x10' AS INT)", null],
  ["CAST(' -Infinity ' AS DOUBLE) < 0", true],
  // cast.sql.out: white space (tabs and line breaks too) is trimmed.
  ["CAST('\\t\\t true \\n\\r ' AS BOOLEAN)", true],
  ["TRY_CAST(concat(' tr', 'ue ') AS BOOLEAN)", true],
  ["CAST(' yes ' AS BOOLEAN)", true],
  ['try_element_at(array(1, 2, 3), 4)', null], // try_element_at.sql.out
  ['try_element_at(array(1, 2, 3), -1)', 3], // try_element_at.sql.out
  // NaN equals NaN and is larger than any number (docs: NaN Semantics,
  // spark.apache.org/docs/latest/sql-ref-datatypes.html).
  ["CAST('NaN' AS DOUBLE) = CAST('nan' AS DOUBLE)", true],
  ["CAST('NaN' AS DOUBLE) > CAST('Infinity' AS DOUBLE)", true],
];

/**
 * Expressions for which Spark (ANSI mode) raises an error, with the error
 * class it raises; the DuckDB rendering must raise too (with Spark's
 * message where DuckDB would give a value, else DuckDB's own overflow
 * or conversion error).
 */
const SPARK_ERROR_CASES: Array<[string, RegExp]> = [
  // issue 10 and math.sql.out: ARITHMETIC_OVERFLOW (DuckDB wraps).
  ['round(2147483647, -1)', /INT32|overflow|out of range/i],
  ['bround(-2147483647, -1)', /INT32|overflow|out of range/i],
  ['round(9223372036854775807L, -1)', /INT64|overflow|out of range/i],
  ['abs(CAST(-2147483648 AS INT))', /INT32|overflow|out of range/i],
  ['2147483647 + 1', /overflow|out of range/i],
  // DIVIDE_BY_ZERO (DuckDB gives Infinity or NULL).
  ['CAST(2.5 AS DECIMAL(10, 2)) / 0', /DIVIDE_BY_ZERO/],
  ['1 / 0', /DIVIDE_BY_ZERO/],
  ['1.0D / 0', /DIVIDE_BY_ZERO/],
  ['7 DIV 0', /DIVIDE_BY_ZERO/],
  ['7 % 0', /DIVIDE_BY_ZERO/],
  ['7.5 % 0', /DIVIDE_BY_ZERO/],
  ['pmod(7, 0)', /DIVIDE_BY_ZERO/],
  // array.sql.out: INVALID_ARRAY_INDEX_IN_ELEMENT_AT (DuckDB gives NULL).
  ['element_at(array(1, 2, 3), 5)', /INVALID_ARRAY_INDEX_IN_ELEMENT_AT/],
  ['element_at(array(1, 2, 3), 0)', /INVALID_INDEX_OF_ZERO/],
  ['try_element_at(array(1, 2, 3), 0)', /INVALID_INDEX_OF_ZERO/],
  ['array(1, 2, 3)[3]', /INVALID_ARRAY_INDEX/],
  // cast.sql.out: CAST_INVALID_INPUT (DuckDB reads '1.23' as 1).
  ["CAST('1.23' AS INT)", /CAST_INVALID_INPUT/],
  ["CAST('1_000' AS BIGINT)", /CAST_INVALID_INPUT/],
  ["CAST('abc' AS DECIMAL(10, 2))", /CAST_INVALID_INPUT/],
  // A value that does not fit its decimal: NUMERIC_VALUE_OUT_OF_RANGE.
  ['CAST(123.456 AS DECIMAL(4, 2))', /out of range/i],
  [
    'CAST(99999999999999999999.5 AS DECIMAL(38, 18)) * CAST(9999999999999999999 AS DECIMAL(38, 18))',
    /NUMERIC_VALUE_OUT_OF_RANGE/,
  ],
  [
    'CAST(99999999999999999999999999999999999.99 AS DECIMAL(37, 2)) * 1000',
    /out of range|overflow/i,
  ],
];

/** Spark's exact result types of numeric expressions over the orders table. */
const TYPE_CASES: Array<[string, string]> = [
  // issue 10: a percentage of a count is a decimal in Spark.
  ['round(100.0 * count_if(paid) / count(*), 2)', 'DECIMAL(27,2)'],
  ['20146.92 / 8', 'DECIMAL(11,6)'],
  ['sum(amount)', 'DECIMAL(20,2)'], // issue 10: sum of decimal(10,2)
  ['avg(amount)', 'DECIMAL(14,6)'],
  ['sum(quantity)', 'BIGINT'],
  ['amount * amount', 'DECIMAL(21,4)'],
  ['amount + 1', 'DECIMAL(11,2)'],
  ['round(amount, 1)', 'DECIMAL(10,1)'],
  ['round(amount, -1)', 'DECIMAL(9,0)'], // RoundBase.dataType
];

/** Aggregates and windows over the orders table (see ORDERS_TABLE). */
const TABLE_CASES: Array<[string, unknown[]]> = [
  // (Constant NULLs would make DuckDB's typeof() report NULL: use columns.)
  ['customer || CAST(NULL AS STRING)', [null, null, null, null]],
  ['concat(customer, CAST(NULL AS STRING))', [null, null, null, null]],
  ['count(*)', [4]],
  ['count(quantity)', [3]],
  ['sum(amount)', [30]],
  ['avg(amount)', [10]],
  ["count_if(order_date >= '2024-01-06')", [3]],
  ['sum(quantity) OVER (PARTITION BY customer)', [3, 5, 3, 3]],
  [
    'collect_list(quantity) OVER (PARTITION BY customer ORDER BY id)',
    [[2], [5], [2, 1], [2, 1]],
  ],
  ['row_number() OVER (ORDER BY quantity DESC)', [2, 1, 3, 4]],
  ['row_number() OVER (ORDER BY quantity DESC NULLS FIRST)', [3, 2, 4, 1]],
  [
    'sum(price) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)',
    [10, 11.5, 4, 2.5],
  ],
  [
    'sum(id) OVER (ORDER BY quantity RANGE BETWEEN 1 PRECEDING AND CURRENT ROW)',
    [4, 2, 3, 4],
  ],
  [
    'lag(customer, 2, "none") OVER (ORDER BY id)',
    ['none', 'none', 'ann', 'bob'],
  ],
  // Spark's avg of decimals is exact: sum / count, HALF_UP.
  ['avg(amount)', ['10.000000']],
  [
    'avg(amount) OVER (PARTITION BY customer)',
    ['11.250000', '7.500000', '11.250000', '11.250000'],
  ],
  ['round(100.0 * count_if(paid) / count(*), 2)', ['50.00']],
  [
    'max(order_date) OVER () - INTERVAL 1 DAY',
    ['2024-01-06', '2024-01-06', '2024-01-06', '2024-01-06'],
  ],
];

describe('rendered expressions keep Spark’s meaning', () => {
  let duckdb: Awaited<ReturnType<typeof openDuckDb>>;
  beforeAll(async () => {
    duckdb = await openDuckDb();
  });
  afterAll(() => duckdb.close());

  it.each(SCALAR_CASES)('%s', async (text, expected) => {
    const bound = analyzeExpression(text, FUNCTION_EXAMPLE_SCOPE);
    const sql = renderExpression(bound, 'duckdb');
    const [row] = await queryRows(
      duckdb.connection,
      `SELECT ${sql} AS v, typeof(${sql}) AS t`,
    );
    expect({ sql, value: comparable(row.v, expected) }).toEqual({
      sql,
      value: rounded(expected),
    });
    expect({ sql, family: duckDbTypeFamily(String(row.t)) }).toEqual({
      sql,
      family: typeFamily(bound.type),
    });
    const sparkSql = renderExpression(bound, 'spark');
    expect({ sparkSql, error: await sparkParseError(sparkSql) }).toEqual({
      sparkSql,
      error: undefined,
    });
  });

  it.each(TABLE_CASES)('%s', async (text, expected) => {
    const bound = analyzeExpression(text, FUNCTION_EXAMPLE_SCOPE);
    const sql = renderExpression(bound, 'duckdb');
    const query = bound.isAggregate
      ? `SELECT ${sql} AS v FROM orders`
      : `SELECT ${sql} AS v FROM orders ORDER BY id`;
    const rows = await queryRows(duckdb.connection, query);
    const values = rows.map(row => row.v);
    expect({ sql, values: comparable(values, expected) }).toEqual({
      sql,
      values: rounded(expected),
    });
    const sparkSql = renderExpression(bound, 'spark');
    expect({ sparkSql, error: await sparkParseError(sparkSql) }).toEqual({
      sparkSql,
      error: undefined,
    });
  });

  it.each(SPARK_ERROR_CASES)('%s raises as in Spark', async (text, message) => {
    const bound = analyzeExpression(text, FUNCTION_EXAMPLE_SCOPE);
    const sql = renderExpression(bound, 'duckdb');
    await expect(
      queryRows(duckdb.connection, `SELECT ${sql} AS v`),
    ).rejects.toThrow(message);
  });

  it.each(TYPE_CASES)('%s has Spark’s type %s', async (text, type) => {
    const bound = analyzeExpression(text, FUNCTION_EXAMPLE_SCOPE);
    const sql = renderExpression(bound, 'duckdb');
    const [row] = await queryRows(
      duckdb.connection,
      `SELECT typeof(${sql}) AS t FROM orders${
        bound.isAggregate ? '' : ' LIMIT 1'
      }`,
    );
    expect({ sql, type: row.t }).toEqual({ sql, type });
  });

  it('is checked by a Spark parser that does reject malformed SQL', async () => {
    expect(await sparkParseError('1 +* 2')).toBeDefined();
    expect(await sparkParseError('upper(')).toBeDefined();
  });
});
