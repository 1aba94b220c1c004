/** @jest-environment node */
import {
  compilePipeline,
  DatasetFile,
  parseProjectFile,
  PipelineFile,
  projectFileKindOf,
  PropagationContext,
  RuleFile,
} from '@meshwork/data-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import { DatabricksSqlEngine } from './DatabricksSqlEngine';
import { startHiveServer } from './__testUtils__/hiveServer';
import { leadingKeyword, splitStatements } from './statements';

const HELLO_WORLD = path.resolve(__dirname, '../../../examples/hello-world');
const TOKEN = 'dapi-preview-test';

/** The datasets and rules of Hello World, and one of its pipelines. */
function loadHelloWorld(pipelineName: string) {
  const datasets: Record<string, PropagationContext['datasets'][string]> = {};
  const rules: Record<string, RuleFile> = {};
  let pipeline: PipelineFile | undefined;
  for (const folder of ['datasets', 'rules', 'pipelines']) {
    for (const file of fs.readdirSync(path.join(HELLO_WORLD, folder))) {
      const fileName = `${folder}/${file}`;
      const kind = projectFileKindOf(fileName);
      if (!kind) continue;
      const { value } = parseProjectFile(
        kind,
        fileName,
        fs.readFileSync(path.join(HELLO_WORLD, fileName), 'utf8'),
      );
      if (kind === 'dataset') {
        const dataset = value as DatasetFile;
        datasets[dataset.name] = {
          table: dataset.table,
          columns: dataset.contract.columns,
        };
      } else if (kind === 'rule') {
        rules[(value as RuleFile).name] = value as RuleFile;
      } else if (
        kind === 'pipeline' &&
        (value as PipelineFile).name === pipelineName
      ) {
        pipeline = value as PipelineFile;
      }
    }
  }
  return { context: { datasets, rules }, pipeline: pipeline! };
}

/** CommonSalesClassification for the seeded customers, all in Western Europe. */
function segmentOf(size: string, sector: string): string {
  if (sector === 'Education') return 'Public';
  if (size === 'Enterprise') return 'Strategic';
  if (size === 'Large' && sector === 'Financial Services') return 'Enterprise';
  if (size === 'Large') return 'Commercial';
  return 'SMB';
}

describe('previewing a compiled pipeline on Databricks', () => {
  it('runs the Spark SQL of CustomerAccounts with a row limit', async () => {
    // CustomerAccounts uses CASE, IN, a window function and a LEFT JOIN:
    // Spark SQL that DuckDB, behind the test warehouse, also runs as it is.
    const { context, pipeline } = loadHelloWorld('CustomerAccounts');
    const compiled = compilePipeline(pipeline, context, {
      dialect: 'spark',
      tables: dataset => context.datasets[dataset].table,
    });
    expect(compiled.diagnostics).toEqual([]);
    const write = splitStatements(compiled.sql!).find(
      statement => leadingKeyword(statement) === 'INSERT',
    )!;
    // A preview reads the target's query instead of writing it.
    const query = write.split(/^INSERT OVERWRITE TABLE \S+ \([^)]*\)\n/m)[1];

    const server = await startHiveServer({ token: TOKEN });
    const connection = await server.duckdb.connect();
    await connection.run(`
      CREATE SCHEMA bronze;
      CREATE TABLE bronze.customers AS
        SELECT range AS customer_id, 'First' || range AS first_name,
               'Last' || range AS last_name, 'First Last' || range AS customer_name,
               NULL::VARCHAR AS email, '+4930' || range AS phone,
               ['Micro', 'Enterprise', 'Large'][range % 3 + 1] AS business_size,
               (range * 10)::INTEGER AS employee_count,
               ['Retail', 'Education', 'Financial Services'][range % 3 + 1] AS sector,
               'DE' AS country_code, 'Germany' AS country, 'Europe' AS geography,
               'Western Europe' AS region, TIMESTAMP '2024-01-01 00:00:00' AS created_at
        FROM range(1, 13);
      CREATE TABLE bronze.accounts AS
        SELECT range AS account_id, range % 6 + 1 AS customer_id,
               'checking' AS account_type, 'EUR' AS currency,
               DATE '2024-01-01' + range::INTEGER AS account_open_date,
               NULL::DATE AS account_close_date, 'open' AS status,
               '' AS account_flags
        FROM range(1, 19);
    `);
    connection.closeSync();
    const engine = new DatabricksSqlEngine({
      host: server.host,
      port: server.port,
      httpPath: server.path,
      token: TOKEN,
      fetchRows: 2,
    });
    try {
      const preview = await engine.run(query, { maxRows: 5 });

      expect(preview.columns.map(column => column.name)).toEqual([
        'customer_id',
        'customer_name',
        'business_size',
        'sector',
        'geography',
        'region',
        'country_code',
        'segment',
        'account_id',
        'account_type',
        'currency',
        'account_open_date',
        'account_status',
      ]);
      expect(preview.truncated).toBe(true);
      expect(preview.rows).toHaveLength(5);
      // Every row has the segment of CommonSalesClassification, and the
      // customer's account opened last, the one with the highest id.
      const lastAccount = (customer: number) => {
        const owned = [...Array(18).keys()]
          .map(i => i + 1)
          .filter(account => (account % 6) + 1 === customer);
        return owned.length ? String(Math.max(...owned)) : null;
      };
      for (const row of preview.rows) {
        const [customerId, , size, sector, , , , segment, accountId] = row;
        const expected = segmentOf(String(size), String(sector));
        expect(segment).toBe(expected);
        expect(accountId).toBe(lastAccount(Number(customerId)));
      }
      // Three pages of two rows for the five rows and the one that tells
      // there are more.
      expect(server.fetches.map(page => page.rows)).toEqual([2, 2, 2]);
    } finally {
      await engine.close();
      await server.close();
    }
  });
});
