/**
 * @jest-environment node
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { checkPipeline } from '../compiler/checkPipeline';
import { sqlDialect } from '../dialect';
import { formatSqlType, parseSqlType, SqlType } from '../expression';
import { compileProjectPipeline } from './compileProject';
import { loadProject } from './loadProject';
import { pipelineTargets, targetPreparationStatements } from './targets';
import type { LoadedProject } from './types';
import { helloWorldFiles, shopProject } from './__testUtils__/projects';
import { typesProject } from './__testUtils__/typesProject';

/**
 * Every pipeline of every test project, compiled to DuckDB SQL and run on
 * an empty in-memory DuckDB (its sources created empty from their
 * contracts, nothing else): the run succeeds, since the preparation
 * statements create what the targets write into, and every table written
 * has the types Spark would give it: a dataset's contract types, else the
 * Spark types the compiler propagated, each as DuckDB names it.
 */
const PROJECTS: Record<string, LoadedProject> = {
  'hello-world': loadProject(helloWorldFiles()),
  shop: loadProject(shopProject()),
  types: loadProject(typesProject()),
};

const duckdbType = (type: string | SqlType) =>
  sqlDialect('duckdb')
    .typeName(typeof type === 'string' ? parseSqlType(type) : type)
    .replace(/\s+/g, '');

/** The types Spark gives each table the pipeline writes, as DuckDB names them. */
function expectedTypes(
  loaded: LoadedProject,
  pipeline: string,
): Map<string, Record<string, string>> {
  const file = loaded.pipelines.get(pipeline)!.value;
  const { propagation } = checkPipeline(file, loaded.context);
  const tables = new Map<string, Record<string, string>>();
  for (const node of file.nodes) {
    if (node.type !== 'Target') continue;
    const dataset =
      node.config.dataset !== undefined
        ? loaded.datasets.get(node.config.dataset)?.value
        : undefined;
    const columns = dataset
      ? dataset.contract.columns
      : propagation.written
          .get(node.id)!
          .columns.map(c => ({ name: c.name, type: formatSqlType(c.type) }));
    tables.set(
      dataset?.table ?? node.config.table!,
      Object.fromEntries(columns.map(c => [c.name, duckdbType(c.type)])),
    );
  }
  return tables;
}

/** Creates, empty, every dataset of the project the pipeline does not write. */
async function createSources(
  connection: DuckDBConnection,
  loaded: LoadedProject,
  pipeline: string,
) {
  const written = new Set(pipelineTargets(loaded, pipeline).map(t => t.table));
  const sources = [...loaded.datasets.values()]
    .map(d => d.value)
    .filter(d => !written.has(d.table))
    .map(d => ({
      table: d.table,
      mode: 'overwrite' as const,
      columns: d.contract.columns,
    }));
  for (const statement of targetPreparationStatements(sources, 'duckdb')) {
    await connection.run(statement);
  }
}

async function tableTypes(connection: DuckDBConnection, table: string) {
  const [schema, name] = table.split('.');
  const rows = (
    await connection.runAndReadAll(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = '${schema}' AND table_name = '${name}'
       ORDER BY ordinal_position`,
    )
  ).getRowObjectsJson();
  return Object.fromEntries(
    rows.map(r => [
      String(r.column_name),
      String(r.data_type).replace(/\s+/g, ''),
    ]),
  );
}

/** Runs the pipeline as `meshwork run` does: its preparation, then its script. */
async function runPipeline(
  connection: DuckDBConnection,
  loaded: LoadedProject,
  pipeline: string,
) {
  const compiled = compileProjectPipeline(loaded, pipeline, 'duckdb');
  expect(compiled.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
  const targets = pipelineTargets(loaded, pipeline);
  for (const statement of targetPreparationStatements(targets, 'duckdb')) {
    await connection.run(statement);
  }
  await connection.run(compiled.sql!);
}

async function withDuckDb<T>(
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const CASES = Object.entries(PROJECTS).flatMap(([project, loaded]) =>
  [...loaded.pipelines.keys()].sort().map(pipeline => [project, pipeline]),
);

describe('tables written by a local run have Spark types', () => {
  it('covers every pipeline of every test project', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(7);
  });

  it.each(CASES)(
    '%s: %s runs on an empty DuckDB and writes the contract types',
    async (project, pipeline) => {
      const loaded = PROJECTS[project];
      const expected = expectedTypes(loaded, pipeline);
      expect(expected.size).toBeGreaterThan(0);
      await withDuckDb(async connection => {
        await createSources(connection, loaded, pipeline);
        await runPipeline(connection, loaded, pipeline);
        for (const [table, types] of expected) {
          expect({ table, types: await tableTypes(connection, table) }).toEqual(
            { table, types },
          );
        }
      });
    },
  );

  it('gives datediff, hour, size, row_number and rank INTEGER and a sum of decimal(12,2) DECIMAL(22,2)', async () => {
    const loaded = PROJECTS.types;
    await withDuckDb(async connection => {
      await createSources(connection, loaded, 'EventMetrics');
      await connection.run(`INSERT INTO bronze.events VALUES
        (1, 7, DATE '2024-01-01', DATE '2024-01-31', TIMESTAMP '2024-01-01 13:45:00', ['a', 'b'], 10.25),
        (2, 7, DATE '2024-02-01', DATE '2024-02-03', TIMESTAMP '2024-02-01 08:00:00', [], 5.10),
        (3, 8, DATE '2024-03-01', DATE '2024-03-01', TIMESTAMP '2024-03-01 23:59:59', ['c'], 99999999.99)`);
      await runPipeline(connection, loaded, 'EventMetrics');
      expect(await tableTypes(connection, 'gold.event_metrics')).toMatchObject({
        days: 'INTEGER',
        hr: 'INTEGER',
        n_tags: 'INTEGER',
        tags: 'VARCHAR[]',
        n: 'INTEGER',
        r: 'INTEGER',
      });
      expect(await tableTypes(connection, 'gold.user_sums')).toEqual({
        user_id: 'BIGINT',
        total: 'DECIMAL(22,2)',
      });
      const metrics = (
        await connection.runAndReadAll(
          'SELECT event_id, days, hr, n_tags, n, r FROM gold.event_metrics ORDER BY event_id',
        )
      ).getRows();
      expect(metrics).toEqual([
        [1n, 30, 13, 2, 1, 1],
        [2n, 2, 8, 0, 2, 2],
        [3n, 0, 23, 1, 1, 1],
      ]);
    });
  });

  it('appends and merges into the same tables on a second run', async () => {
    const loaded = PROJECTS.types;
    await withDuckDb(async connection => {
      await createSources(connection, loaded, 'EventMetrics');
      await connection.run(`INSERT INTO bronze.events VALUES
        (1, 7, DATE '2024-01-01', DATE '2024-01-31', TIMESTAMP '2024-01-01 13:45:00', ['a'], 10.25),
        (2, 8, DATE '2024-02-01', DATE '2024-02-03', TIMESTAMP '2024-02-01 08:00:00', [], 5.10)`);
      await runPipeline(connection, loaded, 'EventMetrics');
      await runPipeline(connection, loaded, 'EventMetrics');
      const count = async (table: string) =>
        (
          await connection.runAndReadAll(`SELECT count(*) FROM ${table}`)
        ).getRows()[0][0];
      // Appended twice, merged once per user.
      expect(await count('silver.event_log')).toBe(4n);
      expect(await count('gold.user_totals')).toBe(2n);
      expect(await tableTypes(connection, 'silver.event_log')).toEqual({
        event_id: 'BIGINT',
        days: 'INTEGER',
        amount: 'DECIMAL(14,2)',
      });
    });
  });
});
