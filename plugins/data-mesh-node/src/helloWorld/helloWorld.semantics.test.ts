/**
 * @jest-environment node
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  loadProject,
  parseSqlType,
  sqlDialect,
} from '@meshwork/data-mesh-common';
import { main } from '../cli/main';
import { readProjectFolder } from '../projects';
import { seedDemoWarehouse } from '../demo';
import { helloWorldReferenceQueries } from './referenceQueries';

const PROJECT = resolve(__dirname, '../../../../examples/hello-world');

/**
 * The Hello World project's generated DuckDB SQL, run by `meshwork run` on
 * the seeded warehouse, writes exactly the rows of the hand-written
 * reference queries: every table, every row, every value.
 */
describe('Hello World on the seeded warehouse', () => {
  let folder: string;
  let warehouse: string;
  const output: string[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'meshwork-hello-world-'));
    warehouse = join(folder, 'warehouse.duckdb');
    await seedDemoWarehouse({ path: warehouse });
    const io = {
      stdout: { write: (text: string) => output.push(text) },
      stderr: { write: (text: string) => output.push(text) },
    };
    const code = await main(
      ['run', PROJECT, '--job', 'DailySummary', '--warehouse', warehouse],
      io,
    );
    if (code !== 0) {
      throw new Error(`meshwork run failed:\n${output.join('')}`);
    }
  }, 120_000);

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function query(sql: string) {
    const instance = await DuckDBInstance.create(warehouse, {
      access_mode: 'READ_ONLY',
    });
    try {
      const connection = await instance.connect();
      try {
        return (await connection.runAndReadAll(sql)).getRowObjectsJson();
      } finally {
        connection.closeSync();
      }
    } finally {
      instance.closeSync();
    }
  }

  it('runs every pipeline of the DailySummary job', () => {
    const report = output.join('');
    for (const pipeline of [
      'Join-customers-redo',
      'CustomerAccounts',
      'account_length_days',
      'ComputeSales',
    ]) {
      expect(report).toContain(`${pipeline}: `);
    }
  });

  it.each(helloWorldReferenceQueries.map(q => [q.table, q] as const))(
    '%s holds exactly the reference rows',
    async (table, reference) => {
      const [counts] = await query(`
        SELECT
          (SELECT count(*) FROM ${table}) AS written,
          (SELECT count(*) FROM (${reference.sql})) AS expected,
          (SELECT count(*) FROM (
            SELECT * FROM ${table} EXCEPT ALL SELECT * FROM (${reference.sql})
          )) AS unexpected,
          (SELECT count(*) FROM (
            SELECT * FROM (${reference.sql}) EXCEPT ALL SELECT * FROM ${table}
          )) AS missing`);
      expect(Number(counts.expected)).toBeGreaterThan(0);
      expect(counts).toEqual({
        written: counts.expected,
        expected: counts.expected,
        unexpected: '0',
        missing: '0',
      });
    },
  );

  it('creates every table with the types of its contract, as Spark would', async () => {
    const loaded = loadProject(await readProjectFolder(PROJECT));
    const written = new Set(helloWorldReferenceQueries.map(q => q.table));
    const contracts = [...loaded.datasets.values()]
      .map(d => d.value)
      .filter(d => written.has(d.table));
    expect(contracts).toHaveLength(written.size);
    const duckdbType = (type: string) =>
      sqlDialect('duckdb').typeName(parseSqlType(type)).replace(/\s+/g, '');
    for (const dataset of contracts) {
      const [schema, table] = dataset.table.split('.');
      const columns = await query(`
        SELECT column_name, data_type FROM information_schema.columns
        WHERE table_schema = '${schema}' AND table_name = '${table}'
        ORDER BY ordinal_position`);
      expect({
        table: dataset.table,
        columns: columns.map(c => [
          c.column_name,
          String(c.data_type).replace(/\s+/g, ''),
        ]),
      }).toEqual({
        table: dataset.table,
        columns: dataset.contract.columns.map(c => [
          c.name,
          duckdbType(c.type),
        ]),
      });
    }
  });

  it('writes the values a reader of the gold tables sees', async () => {
    const [day] = await query(`
      SELECT * FROM gold.daily_summary
      WHERE order_date = DATE '2024-01-01' AND currency = 'EUR'`);
    expect(day).toEqual({
      order_date: '2024-01-01',
      currency: 'EUR',
      order_count: '3',
      customer_count: '3',
      units_sold: '45',
      gross_amount: '10478.54',
      discount_amount: '28.01',
      net_revenue: '10450.53',
      cumulative_net_revenue: '10450.53',
    });
    const segments = await query(`
      SELECT segment, count(*) AS customers FROM silver.customer_accounts
      GROUP BY segment ORDER BY segment`);
    expect(segments.map(s => s.segment)).toEqual(
      expect.arrayContaining(['Commercial', 'SMB']),
    );
    const emails = await query(`
      SELECT count(*) AS hashed FROM gold.customer_order
      WHERE email IS NOT NULL AND NOT regexp_matches(email, '^[0-9a-f]{64}$')`);
    expect(emails).toEqual([{ hashed: '0' }]);
  });
});
