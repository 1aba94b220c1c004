/**
 * @jest-environment node
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { Dialect, init, parse } from '@polyglot-sql/sdk';
import fs from 'fs';
import path from 'path';
import { parseSqlType, quoteIdentifier, renderSqlType } from '../expression';
import { parseProjectFile } from '../project/parse';
import type { DatasetFile } from '../project/schema/dataset';
import { datasetQualityChecks } from './datasetChecks';
import { evaluateQualityResult, QualityResultRow } from './evaluate';

/** Every dataset of the Hello World example project. */
const DATASETS_DIR = path.resolve(
  __dirname,
  '../../../../examples/hello-world/datasets',
);
const parsed = fs
  .readdirSync(DATASETS_DIR)
  .filter(name => name.endsWith('.dataset.yaml'))
  .sort()
  .map(name =>
    parseProjectFile(
      'dataset',
      `datasets/${name}`,
      fs.readFileSync(path.join(DATASETS_DIR, name), 'utf8'),
    ),
  );
const datasets = parsed.flatMap(result =>
  result.value ? [result.value as DatasetFile] : [],
);

const NOW = new Date('2026-07-01T06:00:00Z');

/** An empty table with the columns and types of the dataset's contract. */
function createTable(dataset: DatasetFile): string[] {
  const [schema] = dataset.table.split('.');
  const columns = dataset.contract.columns.map(
    column =>
      `${quoteIdentifier(column.name, 'duckdb')} ${renderSqlType(
        parseSqlType(column.type),
        'duckdb',
      )}`,
  );
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `CREATE TABLE ${dataset.table} (${columns.join(', ')})`,
  ];
}

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  for (const dataset of datasets) {
    for (const statement of createTable(dataset)) {
      await connection.run(statement);
    }
  }
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

let polyglot: Promise<void> | undefined;
async function sparkParseError(sql: string): Promise<string | undefined> {
  polyglot ??= init();
  await polyglot;
  const result = parse(sql, Dialect.Spark);
  return result.success ? undefined : result.error ?? 'parse failed';
}

describe('the quality rules of the Hello World datasets', () => {
  it('has valid datasets with rules of most kinds', () => {
    expect(parsed.flatMap(result => result.diagnostics)).toEqual([]);
    const checks = new Set(
      datasets.flatMap(d => (d.contract.quality ?? []).map(r => r.check)),
    );
    expect(datasets.length).toBeGreaterThan(10);
    expect(checks.size).toBeGreaterThanOrEqual(6);
  });

  it.each(datasets.map(d => [d.name, d] as const))(
    '%s: every check runs on DuckDB over an empty table',
    async (_, dataset) => {
      const checks = datasetQualityChecks(dataset, 'duckdb', { now: NOW });
      expect(checks).toHaveLength(dataset.contract.quality?.length ?? 0);
      expect(new Set(checks.map(c => c.key)).size).toBe(checks.length);
      for (const check of checks) {
        expect({ key: check.key, problem: check.problem }).toEqual({
          key: check.key,
          problem: undefined,
        });
        const rows = (
          await connection.runAndReadAll(check.sql!)
        ).getRowObjects() as unknown as QualityResultRow[];
        expect(rows).toHaveLength(1);
        const outcome = evaluateQualityResult(check.rule, rows[0]);
        // An empty table passes every rule except a minimum row count.
        const expected =
          check.rule.check === 'row_count' && (check.rule.min ?? 0) > 0
            ? 'fail'
            : 'pass';
        expect({ label: check.label, status: outcome.status }).toEqual({
          label: check.label,
          status: expected,
        });
        expect(outcome.checkedRows).toBe(0);
      }
    },
  );

  it.each(datasets.map(d => [d.name, d] as const))(
    '%s: every check parses as Spark SQL',
    async (_, dataset) => {
      for (const check of datasetQualityChecks(dataset, 'spark', {
        now: NOW,
      })) {
        expect({
          label: check.label,
          error: await sparkParseError(check.sql!),
        }).toEqual({ label: check.label, error: undefined });
      }
    },
  );

  it('finds the offending rows of DailySummary by its custom SQL', async () => {
    const dataset = datasets.find(d => d.name === 'DailySummary')!;
    await connection.run(`INSERT INTO gold.daily_summary
      (order_date, currency, order_count, gross_amount, net_revenue)
      VALUES (DATE '2026-06-30', 'USD', 3, 100.00, 90.00),
             (DATE '2026-06-30', 'EUR', 2, 50.00, 60.00),
             (DATE '2026-06-30', 'USD', 0, 10.00, -1.00)`);
    try {
      const outcomes = await Promise.all(
        datasetQualityChecks(dataset, 'duckdb').map(async check => {
          const reader = await connection.runAndReadAll(check.sql!);
          const row = reader.getRowObjects()[0] as unknown as QualityResultRow;
          return [check.label, evaluateQualityResult(check.rule, row).message];
        }),
      );
      expect(Object.fromEntries(outcomes)).toEqual({
        'not_null(order_date)': 'no null order_date in 3 rows',
        'unique(order_date, currency)':
          '(order_date, currency) is duplicated in 2 of 3 rows (e.g. (2026-06-30, USD))',
        'accepted_values(currency)':
          'every currency is one of USD, EUR, GBP, CAD, AUD and 1 more or null',
        'range(net_revenue, min 0)':
          'net_revenue is below the minimum 0 in 1 of 3 rows; values range from -1.00 to 90.00',
        'range(order_count, min 1)':
          'order_count is below the minimum 1 in 1 of 3 rows; values range from 0 to 3',
        'custom_sql(Net revenue never exceeds gross revenue.)':
          '1 row breaks "Net revenue never exceeds gross revenue."',
      });
    } finally {
      await connection.run('DELETE FROM gold.daily_summary');
    }
  });

  it('shows no values of personal columns in the results', () => {
    const dataset = datasets.find(d => d.name === 'CustomerOrder')!;
    const checks = datasetQualityChecks(dataset, 'duckdb');
    const email = checks.find(c => c.label === 'regex(email)')!;
    const channel = checks.find(c => c.label === 'accepted_values(channel)')!;
    expect(email.sql).not.toContain('example');
    expect(email.sql).toContain('CAST(NULL AS VARCHAR) AS observed');
    expect(channel.sql).toContain('AS example');
  });
});
