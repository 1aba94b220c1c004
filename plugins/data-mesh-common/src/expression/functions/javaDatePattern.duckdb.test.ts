/**
 * @jest-environment node
 */
import { openDuckDb, queryRows } from '../__testUtils__/duckdb';
import { analyzeExpression } from '../analyze';
import { renderExpression } from '../render';
import { FUNCTION_EXAMPLE_SCOPE } from './exampleScope';

function duckDbSql(text: string): string {
  return renderExpression(
    analyzeExpression(text, FUNCTION_EXAMPLE_SCOPE),
    'duckdb',
  );
}

/**
 * Reading strings with a Spark datetime pattern on DuckDB gives what Spark
 * gives, including a parse failure where Spark's parser rejects the digits
 * that DuckDB's strptime alone would read (Spark's golden file
 * ansi/datetime-parsing-invalid.sql.out: `to_timestamp('1', 'yy')` and
 * `to_timestamp('1', 'yyy')` raise).
 */
describe('reading dates with a Spark pattern on DuckDB', () => {
  let duckdb: Awaited<ReturnType<typeof openDuckDb>>;
  beforeAll(async () => {
    duckdb = await openDuckDb();
  });
  afterAll(() => duckdb.close());

  async function valueOf(text: string): Promise<unknown> {
    const [row] = await queryRows(
      duckdb.connection,
      `SELECT ${duckDbSql(text)} AS v`,
    );
    return row.v;
  }

  it.each([
    ["to_timestamp('24', 'yy')", '2024-01-01 00:00:00'],
    // Spark's "Datetime Patterns": `yy` reads years 2000 to 2099.
    ["to_date('31/12/99', 'dd/MM/yy')", '2099-12-31'],
    ["to_date('29.02.96', 'dd.MM.yy')", '2096-02-29'],
    ["to_timestamp('00', 'yy')", '2000-01-01 00:00:00'],
    ["try_to_timestamp('69', 'yy')", '2069-01-01 00:00:00'],
    ["unix_timestamp('70', 'yy')", '3155760000'],
    ["to_timestamp('123', 'yyy')", '0123-01-01 00:00:00'],
    ["to_timestamp('2024', 'yyy')", '2024-01-01 00:00:00'],
    ["to_timestamp('7', 'y')", '0007-01-01 00:00:00'],
    ["to_date('2024-03-05', 'yyyy-MM-dd')", '2024-03-05'],
    ["to_date('20240305', 'yyyyMMdd')", '2024-03-05'],
    ["to_date('240305', 'yyMMdd')", '2024-03-05'],
    [
      "to_timestamp('03/05/2024 01:04 pm', 'MM/dd/yyyy hh:mm a')",
      '2024-03-05 13:04:00',
    ],
    ["to_date('5.3.2024', 'd.M.yyyy')", '2024-03-05'],
    ["to_date('05', 'd')", '1970-01-05'],
    ["to_date('03', 'MM')", '1970-03-01'],
    ["to_date('05 MAR 2024', 'dd MMM yyyy')", '2024-03-05'],
    ["to_timestamp('13:04:05.1', 'HH:mm:ss.SSS')", '1970-01-01 13:04:05.1'],
    ["unix_timestamp('1970-01-02', 'yyyy-MM-dd')", '86400'],
    ["try_to_timestamp('24', 'yy')", '2024-01-01 00:00:00'],
    ["try_to_timestamp('1', 'yy')", null],
    ["try_to_timestamp('1', 'yyy')", null],
    ["try_to_date('2024-3-05', 'yyyy-MM-dd')", null],
    ["try_to_date('3', 'MM')", null],
    ["to_timestamp(CAST(NULL AS STRING), 'yy')", null],
  ])('%s is %j', async (text, expected) => {
    expect(await valueOf(text)).toEqual(expected);
  });

  it.each([
    ["to_timestamp('1', 'yy')", '1', '%y'],
    ["to_timestamp('123', 'yy')", '123', '%y'],
    ["to_timestamp('1', 'yyy')", '1', '%Y'],
    ["to_timestamp('12345', 'yyyy')", '12345', '%Y'],
    ["to_date('24-03-05', 'yyyy-MM-dd')", '24-03-05', '%Y-%m-%d'],
    ["to_date('2024-3-05', 'yyyy-MM-dd')", '2024-3-05', '%Y-%m-%d'],
    ["to_date('3', 'MM')", '3', '%m'],
    ["to_date('123', 'd')", '123', '%-d'],
    ["unix_timestamp('1', 'yy')", '1', '%y'],
  ])('%s raises strptime’s parse error', async (text, value, format) => {
    await expect(valueOf(text)).rejects.toThrow(
      `Could not parse string "${value}" according to format specifier "${format}"`,
    );
  });

  it('refuses the day of the week when reading, as Spark does', async () => {
    expect(() =>
      duckDbSql("to_date('Tue 2024-03-05', 'EEE yyyy-MM-dd')"),
    ).toThrow(
      "pattern letter 'E' (day of the week) in 'EEE yyyy-MM-dd' is not supported when reading dates",
    );
    expect(await valueOf("date_format(DATE '2024-03-05', 'EEE')")).toBe('Tue');
  });
});
