/** @jest-environment node */
import { DuckDBInstance } from '@duckdb/node-api';
import { DatabricksSqlEngine } from '../DatabricksSqlEngine';
import { HiveServer, startHiveServer } from '../__testUtils__/hiveServer';
import { billedUsageQuery, fetchBilledUsage } from './billedUsage';

const TOKEN = 'dapi-billing-test';

describe('fetchBilledUsage', () => {
  let server: HiveServer;
  let engine: DatabricksSqlEngine;

  beforeEach(async () => {
    const duckdb = await DuckDBInstance.create(':memory:');
    const connection = await duckdb.connect();
    // DuckDB keeps its own `system` catalog read-only, so the test table is
    // `billing.usage`, with the columns of Databricks' system.billing.usage.
    await connection.run(`
      CREATE SCHEMA billing;
      CREATE TABLE billing.usage (
        usage_date DATE,
        usage_unit VARCHAR,
        usage_quantity DECIMAL(38, 18),
        usage_metadata STRUCT(job_id VARCHAR, job_run_id VARCHAR)
      );
      INSERT INTO billing.usage VALUES
        ('2026-06-30', 'DBU', 1.25, {job_id: '1001', job_run_id: '5001'}),
        ('2026-07-01', 'DBU', 0.5, {job_id: '1001', job_run_id: '5001'}),
        ('2026-06-30', 'DBU', 2, {job_id: '1001', job_run_id: '5002'}),
        ('2026-06-30', 'GPU_TIME', 7, {job_id: '1001', job_run_id: '5002'}),
        ('2026-06-30', 'DBU', 9, {job_id: '1002', job_run_id: '6001'}),
        ('2026-06-30', 'DBU', 3, {job_id: NULL, job_run_id: NULL});
    `);
    connection.closeSync();
    server = await startHiveServer({ token: TOKEN, duckdb });
    engine = new DatabricksSqlEngine({
      host: server.host,
      port: server.port,
      httpPath: server.path,
      token: TOKEN,
    });
  });

  afterEach(async () => {
    await engine.close();
    await server.close();
  });

  it('sums the DBUs of each run, leaving out runs not billed yet', async () => {
    const usage = await fetchBilledUsage(engine, ['5001', '5002', '5003'], {
      table: 'billing.usage',
    });
    expect(
      usage.sort((a, b) => a.externalRunId.localeCompare(b.externalRunId)),
    ).toEqual([
      { externalRunId: '5001', dbus: 1.75 },
      { externalRunId: '5002', dbus: 2 },
    ]);
    expect(server.statements).toEqual([
      billedUsageQuery(['5001', '5002', '5003'], 'billing.usage'),
    ]);
  });

  it('asks nothing for no runs', async () => {
    expect(await fetchBilledUsage(engine, [])).toEqual([]);
    expect(server.statements).toEqual([]);
  });
});

describe('billedUsageQuery', () => {
  it('reads system.billing.usage by job run, quoting the ids', () => {
    expect(billedUsageQuery(['5001', "x'); DROP TABLE t; --"])).toBe(
      [
        'SELECT usage_metadata.job_run_id AS job_run_id, sum(usage_quantity) AS dbus',
        'FROM system.billing.usage',
        "WHERE usage_unit = 'DBU' AND usage_metadata.job_run_id IN ('5001', 'x\\'); DROP TABLE t; --')",
        'GROUP BY 1',
      ].join('\n'),
    );
    expect(() => billedUsageQuery(['1'], 'usage; DROP')).toThrow(
      'plain table name',
    );
  });
});
