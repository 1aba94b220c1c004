/**
 * @jest-environment node
 */
import { compilePipeline } from '../compilePipeline';
import { generatePySpark } from '../pyspark';
import { compilePreview } from '../preview';
import { lowerPipeline } from '../lower';
import { propagateSchemas } from '../propagate';
import { analyzeSqlGem } from './analyzeSqlGem';
import { generateChecked } from './generateQuery';
import { loadedSqlParser } from './sqlParser';
import {
  CONTEXT,
  INPUTS,
  positionOf,
  sqlGemPipeline,
} from './__testUtils__/sqlGemPipeline';

/**
 * SQL gem texts that try to read something other than the gem's inputs
 * (a host file, a table the gem was not given, a URL), to write, to run a
 * command, or to smuggle such a query past the check through comments and
 * quoting that two SQL parsers read differently. `at` is the text the
 * diagnostic must point at (its `nth` occurrence, `skip` characters in).
 */
interface Attack {
  readonly sql: string;
  readonly at: string;
  readonly nth?: number;
  readonly skip?: number;
  readonly reason: string;
}

const CORPUS: Record<string, Attack> = {
  'read_text in FROM': {
    sql: "SELECT content AS c FROM read_text('/etc/hostname')",
    at: 'read_text',
    reason: 'table-function',
  },
  'read_text in the select list': {
    sql: "SELECT read_text('/etc/hostname') AS c FROM customers_in",
    at: 'read_text',
    reason: 'unknown-function',
  },
  read_blob: {
    sql: "SELECT content AS c FROM read_blob('/etc/passwd')",
    at: 'read_blob',
    reason: 'table-function',
  },
  read_csv: {
    sql: "SELECT * FROM customers_in JOIN read_csv('/srv/x.csv') AS x ON true",
    at: 'read_csv',
    reason: 'table-function',
  },
  read_csv_auto: {
    sql: "SELECT c FROM read_csv_auto('/srv/x.csv')",
    at: 'read_csv_auto',
    reason: 'table-function',
  },
  read_json: {
    sql: "SELECT c FROM read_json('/srv/x.json')",
    at: 'read_json',
    reason: 'table-function',
  },
  read_json_auto: {
    sql: "SELECT c FROM customers_in, read_json_auto('/srv/x.json')",
    at: 'read_json_auto',
    reason: 'table-function',
  },
  read_parquet: {
    sql: "SELECT c FROM read_parquet('s3://bucket/x.parquet')",
    at: 'read_parquet',
    reason: 'table-function',
  },
  glob: {
    sql: "SELECT file AS c FROM glob('/home/*')",
    at: 'glob',
    reason: 'table-function',
  },
  query_table: {
    sql: "SELECT email AS c FROM query_table('bronze.customers')",
    at: 'query_table',
    reason: 'table-function',
  },
  'range in a join': {
    sql: 'SELECT email AS c FROM customers_in CROSS JOIN range(1000000000000)',
    at: 'range',
    reason: 'table-function',
  },
  'a file name in single quotes': {
    sql: "SELECT * FROM 'x.csv'",
    at: "'x.csv'",
    reason: 'file-name',
  },
  'a URL': {
    sql: "SELECT email AS c FROM 'https://example.com/customers.csv'",
    at: "'https://",
    reason: 'file-name',
  },
  'a parquet path': {
    sql: 'SELECT * FROM parquet.`/tmp/customers`',
    at: 'parquet',
    reason: 'table-not-input',
  },
  COPY: {
    sql: "COPY customers_in TO '/tmp/out.csv'",
    at: 'COPY',
    reason: 'not-a-query',
  },
  ATTACH: {
    sql: "ATTACH '/srv/other.duckdb' AS other",
    at: 'ATTACH',
    reason: 'not-a-query',
  },
  INSTALL: { sql: 'INSTALL httpfs', at: 'INSTALL', reason: 'not-a-query' },
  LOAD: { sql: 'LOAD httpfs', at: 'httpfs', reason: 'syntax' },
  PRAGMA: { sql: 'PRAGMA version', at: 'PRAGMA', reason: 'not-a-query' },
  SET: {
    sql: "SET file_search_path = '/etc'",
    at: 'SET',
    reason: 'not-a-query',
  },
  INSERT: {
    sql: 'INSERT INTO customers_in SELECT * FROM orders_in',
    at: 'INSERT',
    reason: 'not-a-query',
  },
  CREATE: {
    sql: '  CREATE TABLE stolen AS SELECT * FROM customers_in',
    at: 'CREATE',
    reason: 'not-a-query',
  },
  'SELECT INTO': {
    sql: 'SELECT * INTO stolen FROM customers_in',
    at: 'INTO',
    reason: 'not-allowed',
  },
  'two statements': {
    sql: 'SELECT email AS c FROM customers_in; SELECT email FROM bronze.customers',
    at: 'SELECT',
    nth: 1,
    reason: 'statements',
  },
  'a second statement after comments': {
    sql: 'SELECT 1 AS c FROM customers_in;\n-- and then\n  DROP TABLE bronze.customers',
    at: 'DROP',
    reason: 'statements',
  },
  'a block comment': {
    sql: 'SELECT email /* FROM customers_in */ AS c FROM bronze.customers',
    at: 'bronze',
    reason: 'table-not-input',
  },
  'a line comment': {
    sql: 'SELECT email AS c -- FROM customers_in\nFROM bronze.customers',
    at: 'bronze',
    reason: 'table-not-input',
  },
  'nested comments hiding a table': {
    sql: 'SELECT 1 AS c /* /* */ FROM customers_in */, email FROM bronze.customers',
    at: '/*',
    nth: 1,
    reason: 'nested-comment',
  },
  'nested comments hiding a table function': {
    sql: "SELECT email AS c FROM customers_in /* /* */ , read_text('/etc/hostname') -- */",
    at: '/*',
    nth: 1,
    reason: 'nested-comment',
  },
  'a backslash-escaped quote': {
    sql: "SELECT 'a\\' AS c FROM customers_in --', email FROM bronze.customers",
    at: 'bronze',
    reason: 'table-not-input',
  },
  'doubled quotes': {
    sql: "SELECT 'x'' AS c FROM customers_in --' AS c, email FROM bronze.customers",
    at: 'bronze',
    reason: 'table-not-input',
  },
  'backtick identifiers': {
    sql: 'SELECT email AS c FROM `bronze`.`customers`',
    at: '`bronze`',
    reason: 'table-not-input',
  },
  'one backtick identifier with a dot': {
    sql: 'SELECT email AS c FROM `bronze.customers`',
    at: '`bronze.customers`',
    reason: 'table-not-input',
  },
  'a double-quoted name': {
    sql: 'SELECT email AS c FROM "bronze.customers"',
    at: '"bronze.customers"',
    reason: 'file-name',
  },
  'double-quoted parts': {
    sql: 'SELECT email AS c FROM "bronze"."customers"',
    at: '.',
    reason: 'syntax',
  },
  'a unicode escape': {
    sql: "SELECT U&'\\0027' AS c, email FROM bronze.customers",
    at: 'bronze',
    reason: 'table-not-input',
  },
  'an escape string': {
    sql: "SELECT E'\\'' AS c, email FROM bronze.customers",
    at: 'bronze',
    reason: 'table-not-input',
  },
  'dollar quoting': {
    sql: "SELECT $$ ' $$ AS c, email FROM bronze.customers",
    at: 'bronze',
    reason: 'table-not-input',
  },
  'a subquery reading another table': {
    sql: 'SELECT email AS c FROM customers_in WHERE id IN (SELECT id FROM bronze.customers)',
    at: 'bronze',
    reason: 'table-not-input',
  },
  'a scalar subquery reading another table': {
    sql: 'SELECT (SELECT max(email) FROM bronze.customers) AS c FROM orders_in',
    at: 'bronze',
    reason: 'table-not-input',
  },
  'another gem of the pipeline': {
    sql: 'SELECT email AS c FROM customers',
    at: 'customers',
    reason: 'table-not-input',
  },
  'a CTE used outside the subquery that defines it': {
    sql: 'SELECT q.c FROM (WITH secret AS (SELECT email AS c FROM customers_in) SELECT c FROM secret) AS q JOIN secret ON true',
    at: 'secret',
    nth: 2,
    reason: 'table-not-input',
  },
  'a CTE reading its own name': {
    sql: 'WITH stolen AS (SELECT * FROM stolen) SELECT email AS c FROM stolen',
    at: 'stolen',
    nth: 1,
    reason: 'table-not-input',
  },
  'a CTE reading a later one': {
    sql: 'WITH a AS (SELECT * FROM b), b AS (SELECT * FROM customers_in) SELECT email AS c FROM a',
    at: 'FROM b',
    skip: 5,
    reason: 'table-not-input',
  },
  'a schema-qualified input': {
    sql: 'SELECT email AS c FROM main.customers_in',
    at: 'main',
    reason: 'table-not-input',
  },
  'a catalog-qualified input': {
    sql: 'SELECT email AS c FROM spark_catalog.default.customers_in',
    at: 'spark_catalog',
    reason: 'table-not-input',
  },
  reflect: {
    sql: "SELECT reflect('java.lang.System', 'getenv', 'HOME') AS c FROM customers_in",
    at: 'reflect',
    reason: 'unknown-function',
  },
  java_method: {
    sql: "SELECT java_method('java.lang.System', 'getenv', 'HOME') AS c",
    at: 'java_method',
    reason: 'unknown-function',
  },
  getenv: {
    sql: "SELECT email AS c FROM customers_in WHERE getenv('HOME') <> ''",
    at: 'getenv',
    reason: 'unknown-function',
  },
  current_setting: {
    sql: "SELECT current_setting('home_directory') AS c",
    at: 'current_setting',
    reason: 'unknown-function',
  },
  'a qualified function': {
    sql: "SELECT system.getenv('HOME') AS c FROM customers_in",
    at: 'system',
    reason: 'not-allowed',
  },
  'TRANSFORM USING a script': {
    sql: "SELECT TRANSFORM(email) USING 'cat /etc/passwd' AS (c) FROM customers_in",
    at: 'TRANSFORM',
    reason: 'not-allowed',
  },
  'a parameter marker': {
    sql: 'SELECT :catalog AS c FROM customers_in',
    at: ':',
    reason: 'not-allowed',
  },
  'a generator that is not explode': {
    sql: 'SELECT c FROM customers_in LATERAL VIEW posexplode(array(1)) t AS p, c',
    at: 'posexplode',
    reason: 'table-function',
  },
  'characters outside the BMP before the problem': {
    sql: "SELECT '😀😀' AS x,\n  email AS c FROM bronze.customers",
    at: 'bronze',
    reason: 'table-not-input',
  },
};

describe('analyzeSqlGem refuses what a SQL gem may not do', () => {
  it.each(Object.entries(CORPUS))(
    '%s: at its line and column, with no code generated',
    (_, attack) => {
      const expected = positionOf(
        attack.sql,
        attack.at,
        attack.nth,
        attack.skip,
      );
      const analysis = analyzeSqlGem(attack.sql, INPUTS, {
        path: ['nodes', 2, 'config', 'sql'],
        nodeId: 'q',
      });
      expect(analysis.query).toBeUndefined();
      expect(analysis.diagnostics[0]).toMatchObject({
        severity: 'error',
        nodeId: 'q',
        path: ['nodes', 2, 'config', 'sql'],
        expression: { ...expected, code: attack.reason },
      });

      // Every path that compiles pipelines refuses it the same way.
      const pipeline = sqlGemPipeline(attack.sql);
      const sameDiagnostic = expect.objectContaining({
        nodeId: 'q',
        path: ['nodes', 2, 'config', 'sql'],
        expression: expect.objectContaining(expected),
      });
      for (const dialect of ['spark', 'duckdb'] as const) {
        const compiled = compilePipeline(pipeline, CONTEXT, { dialect });
        expect(compiled.sql).toBeUndefined();
        expect(compiled.diagnostics).toContainEqual(sameDiagnostic);
      }
      const preview = compilePreview(pipeline, CONTEXT, 'q', {
        dialect: 'duckdb',
      });
      expect(preview.sql).toBeUndefined();
      expect(preview.diagnostics).toContainEqual(sameDiagnostic);
      const lowered = lowerPipeline(pipeline, CONTEXT).pipeline;
      // PySpark generation trusts propagation; it still writes no query.
      expect(
        generatePySpark(lowered, propagateSchemas(lowered, CONTEXT)).code,
      ).toBeUndefined();
    },
  );

  it('says what a table name is not, and suggests the inputs', () => {
    const [diagnostic] = analyzeSqlGem(
      'SELECT email AS c FROM bronze.customers',
      INPUTS,
    ).diagnostics;
    expect(diagnostic).toMatchObject({
      code: 'sql-not-allowed',
      path: ['sql'],
      message:
        'SQL gem may read only its inputs (customers_in, orders_in); `bronze.customers` is not one of them',
      expression: { line: 1, column: 24, offset: 23, length: 16 },
    });
    expect(
      analyzeSqlGem('SELECT * FROM customer_in', INPUTS).diagnostics[0]
        .expression?.suggestions,
    ).toEqual(['customers_in']);
  });

  it('reports a query that does not parse, or is empty, as invalid-sql', () => {
    expect(
      analyzeSqlGem('SELECT FROM WHERE', INPUTS).diagnostics,
    ).toMatchObject([
      {
        code: 'invalid-sql',
        expression: { line: 1, column: 13, code: 'syntax' },
        message: expect.stringMatching(/^the SQL does not parse: /),
      },
    ]);
    for (const sql of ['', '  -- only a comment\n']) {
      expect(analyzeSqlGem(sql, INPUTS).diagnostics).toMatchObject([
        { code: 'invalid-sql', message: 'the SQL gem has no query' },
      ]);
    }
  });

  it('reports every problem of the query, not only the first', () => {
    const { diagnostics } = analyzeSqlGem(
      "SELECT getenv('X') AS a, email FROM bronze.customers JOIN read_csv('x') ON true",
      INPUTS,
    );
    expect(diagnostics.map(d => d.expression?.code)).toEqual([
      'unknown-function',
      'table-not-input',
      'table-function',
    ]);
  });
});

describe('analyzeSqlGem accepts queries over the inputs', () => {
  it.each([
    [
      'a join of two inputs with aggregates',
      'SELECT c.id, c.email, sum(o.amount) AS total FROM customers_in c JOIN orders_in o ON c.id = o.customer_id GROUP BY c.id, c.email',
    ],
    [
      'CTEs, each reading the inputs and the CTEs before it',
      "WITH paid AS (SELECT * FROM orders_in WHERE status = 'paid'), totals AS (SELECT customer_id, sum(amount) AS total FROM paid GROUP BY customer_id) SELECT c.name, t.total FROM customers_in c JOIN totals t ON t.customer_id = c.id",
    ],
    [
      'a union',
      'SELECT id FROM customers_in UNION ALL SELECT customer_id FROM orders_in',
    ],
    [
      'window functions',
      'SELECT id, row_number() OVER (PARTITION BY country ORDER BY signup_date) AS rn, sum(id) OVER () AS s FROM customers_in',
    ],
    [
      'subqueries over the inputs',
      'SELECT id, (SELECT count(*) FROM orders_in o WHERE o.customer_id = c.id) AS n FROM customers_in c WHERE EXISTS (SELECT 1 FROM orders_in) AND id IN (SELECT customer_id FROM orders_in) ',
    ],
    [
      'a CTE of a subquery used inside it, and the name reused outside for an input',
      'SELECT * FROM (WITH customers_in AS (SELECT * FROM orders_in) SELECT * FROM customers_in) q JOIN customers_in ON true',
    ],
    [
      'functions of the catalogue and known Spark functions',
      "SELECT upper(name), coalesce(email, 'none'), date_format(signup_date, 'yyyy'), dayofweek(signup_date), concat_ws('-', name, country) FROM customers_in",
    ],
    [
      'input names in any case, quoted with backticks',
      'SELECT * FROM `Customers_In` JOIN ORDERS_IN ON true',
    ],
    [
      'a recursive CTE',
      'WITH RECURSIVE n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT i FROM n',
    ],
    [
      'comments and a final semicolon',
      '-- the customers\nSELECT /* all of */ * FROM customers_in; ',
    ],
  ])('%s', (_, sql) => {
    const analysis = analyzeSqlGem(sql, INPUTS);
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.query?.spark).toBeDefined();
    expect(analysis.query?.duckdb).toBeDefined();
    // What runs is written from the parse: no comments survive.
    expect(analysis.query!.duckdb).not.toMatch(/--|\/\*/);
  });

  it('runs what was checked: text another parser reads as code stays a string', () => {
    // Spark reads `\'` as a quote inside the string; a parser without
    // backslash escapes would end the string there and read bronze.customers.
    const sql = "SELECT 'a\\' FROM bronze.customers --' AS c FROM customers_in";
    const { diagnostics, query } = analyzeSqlGem(sql, INPUTS);
    expect(diagnostics).toEqual([]);
    expect(query!.duckdb).toBe(
      "SELECT\n  'a'' FROM bronze.customers --' AS c\nFROM customers_in",
    );
    expect(query!.spark).toBe(
      "SELECT\n  'a\\' FROM bronze.customers --' AS c\nFROM customers_in",
    );
  });

  it('returns the query with its own CTEs, for the generators', () => {
    expect(
      analyzeSqlGem(
        'WITH a AS (SELECT * FROM customers_in), B AS (SELECT * FROM a) SELECT * FROM b',
        INPUTS,
      ).query,
    ).toMatchObject({ ctes: ['a', 'b'], recursive: false });
  });
});

describe('the check of the generated code', () => {
  const parser = () => loadedSqlParser()!;
  const parsed = (sql: string) => {
    const result = parser().parse(sql, parser().Dialect.Spark);
    if (!result.success) throw new Error(result.error);
    return result.ast[0];
  };
  const facts = () => ({
    tables: ['customers_in'],
    functions: new Set<string>(),
    strings: [] as string[],
  });

  it('refuses generated code that reads a table the query does not', () => {
    // As if a generator wrote an identifier back unquoted: the text now
    // reads a second table.
    const statement = parsed('SELECT 1 AS c FROM customers_in');
    const from = (statement as any).select.from.expressions[0].table;
    from.name.name = 'customers_in, bronze.customers';
    from.name.quoted = false;
    for (const dialect of ['spark', 'duckdb'] as const) {
      const result = generateChecked(
        parser(),
        statement,
        dialect,
        facts(),
        INPUTS,
      );
      expect(result).toEqual({
        problem: expect.stringMatching(
          /generated from this query fails the check \(SQL gem may read only its inputs .*`bronze\.customers` is not one of them\)/,
        ),
      });
    }
  });

  it('refuses generated code whose string literals differ from the query', () => {
    const statement = parsed("SELECT 'x' AS c FROM customers_in");
    const result = generateChecked(
      parser(),
      statement,
      'duckdb',
      { ...facts(), strings: ['y'] },
      INPUTS,
    );
    expect(result).toEqual({
      problem: expect.stringContaining('holds other string literals'),
    });
  });

  it('refuses generated code that calls a function the query does not', () => {
    const statement = parsed('SELECT upper(email) AS c FROM customers_in');
    // A call the parser does not know, in place of upper.
    (statement as any).select.expressions[0].alias.this = (
      parsed('SELECT ltrim(email)') as any
    ).select.expressions[0];
    expect(
      generateChecked(parser(), statement, 'duckdb', facts(), INPUTS),
    ).toEqual({ problem: expect.stringContaining('calls ltrim') });
  });

  it('accepts the generator translating Spark functions to DuckDB ones', () => {
    expect(
      analyzeSqlGem(
        'SELECT dayofweek(signup_date) AS d, max_by(id, signup_date) AS m FROM customers_in',
        INPUTS,
      ).query?.duckdb,
    ).toMatch(/ISODOW\(signup_date\)[\s\S]*ARG_MAX\(id, signup_date\)/);
  });
});

describe('before the parser is loaded', () => {
  it('refuses every SQL gem rather than passing it on unchecked', () => {
    jest.isolateModules(() => {
      // A fresh copy of the module, whose parser was never initialised.
      const fresh: typeof import('./analyzeSqlGem') = require('./analyzeSqlGem');
      const analysis = fresh.analyzeSqlGem('SELECT 1 AS c', INPUTS);
      expect(analysis.query).toBeUndefined();
      expect(analysis.diagnostics).toEqual([
        expect.objectContaining({
          severity: 'error',
          message: 'the SQL parser is not loaded; call initSqlParser() first',
        }),
      ]);
    });
  });
});
