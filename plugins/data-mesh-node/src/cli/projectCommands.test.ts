/**
 * @jest-environment node
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { validateBundleFiles } from '@meshwork/data-mesh-common';
import {
  cp,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { seedDemoWarehouse } from '../demo';
import { main } from './main';

const HELLO_WORLD = resolve(__dirname, '../../../../examples/hello-world');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** Every file under a folder, relative and `/`-separated, hidden ones included. */
async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter(entry => entry.isFile())
    .map(entry =>
      relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'),
    )
    .sort();
}

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meshwork-project-cli-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A fresh copy of Hello World, generated files included. */
async function copyOfHelloWorld(name: string): Promise<string> {
  const copy = join(folder, name);
  await cp(HELLO_WORLD, copy, { recursive: true });
  return copy;
}

async function edit(path: string, from: string, to: string) {
  const text = await readFile(path, 'utf8');
  if (!text.includes(from)) throw new Error(`"${from}" is not in ${path}`);
  await writeFile(path, text.replace(from, to));
}

describe('meshwork project commands', () => {
  it('lists the project commands in the help', async () => {
    const { stdout } = await run('--help');
    for (const name of ['validate', 'compile', 'test', 'lineage', 'run']) {
      expect(stdout).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'));
    }
    for (const name of ['validate', 'compile', 'test', 'lineage', 'run']) {
      const help = await run(name, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(
        new RegExp(`^Usage: meshwork ${name} <project>`),
      );
    }
  });

  describe('validate', () => {
    it('reports a valid project in one line', async () => {
      await expect(run('validate', HELLO_WORLD)).resolves.toEqual({
        code: 0,
        stdout: '27 files, 0 problems\n',
        stderr: '',
      });
    });

    it('lists each problem at its file, line and column and exits with 1', async () => {
      const project = await copyOfHelloWorld('invalid');
      await edit(
        join(project, 'pipelines/ComputeSales.pipeline.yaml'),
        "condition: order_status = 'completed'",
        "condition: order_stat = 'completed'",
      );
      await edit(
        join(project, 'jobs/Job-Test.job.yaml'),
        'pipeline: account_length_days',
        'pipeline: account_length',
      );
      const { code, stdout, stderr } = await run('validate', project);
      expect(code).toBe(1);
      expect(stdout).toBe('27 files, 2 problems (2 errors, 0 warnings)\n');
      expect(stderr.split('\n')).toEqual([
        `${project}/jobs/Job-Test.job.yaml:6:15: error: no pipeline "account_length" in the project (tasks[0].pipeline)`,
        `${project}/pipelines/ComputeSales.pipeline.yaml:34:18: error: node "completed_lines": unknown column \`order_stat\`; did you mean \`order_status\` or \`order_date\`? (nodes[4].config.condition)`,
        '',
      ]);
    });

    it('reports a SQL gem that reads a table it was not given at its line and column in the YAML', async () => {
      const project = await copyOfHelloWorld('sql-gem');
      const file = 'pipelines/Leak.pipeline.yaml';
      await writeFile(
        join(project, file),
        [
          'formatVersion: 1',
          'name: Leak',
          'nodes:',
          '  - id: customers',
          '    type: Source',
          '    position: { x: 0, y: 0 }',
          '    config:',
          '      dataset: bronze_customers',
          '  - id: leak',
          '    type: SQL',
          '    position: { x: 200, y: 0 }',
          '    config:',
          '      inputs: [customers_in]',
          '      sql: |',
          '        SELECT customer_id,',
          "          read_text('/etc/hostname') AS host,",
          '          email',
          '        FROM bronze.customers',
          '      schema:',
          '        - { name: customer_id, type: bigint }',
          '        - { name: host, type: string }',
          '        - { name: email, type: string }',
          'edges:',
          '  - from: { node: customers, port: out }',
          '    to: { node: leak, port: in0 }',
          '',
        ].join('\n'),
      );
      const { code, stdout, stderr } = await run('validate', project);
      expect(code).toBe(1);
      expect(stdout).toBe('28 files, 2 problems (2 errors, 0 warnings)\n');
      expect(stderr.split('\n')).toEqual([
        `${project}/${file}:16:11: error: node "leak": a SQL gem may call only functions of the Meshwork function catalogue (see docs/expressions.md); \`read_text\` is not one of them (nodes[1].config.sql)`,
        `${project}/${file}:18:14: error: node "leak": SQL gem may read only its inputs (customers_in); \`bronze.customers\` is not one of them (nodes[1].config.sql)`,
        '',
      ]);
    });

    it('reports a project folder that does not exist', async () => {
      const missing = join(folder, 'missing');
      await expect(run('validate', missing)).resolves.toEqual({
        code: 1,
        stdout: '',
        stderr: `meshwork: ${missing} does not exist\n`,
      });
    });

    it('needs exactly one project folder', async () => {
      const { code, stderr } = await run('validate');
      expect(code).toBe(1);
      expect(stderr).toBe(
        "meshwork: missing <project>, the data project folder (see 'meshwork validate --help')\n",
      );
    });
  });

  describe('compile', () => {
    it('finds the committed Hello World code up to date, with a valid bundle', async () => {
      await expect(run('compile', HELLO_WORLD, '--check')).resolves.toEqual({
        code: 0,
        stdout: '12 generated files up to date\n',
        stderr: '',
      });
      const bundle = await Promise.all(
        (
          await listFiles(HELLO_WORLD)
        )
          .filter(p => p === 'databricks.yml' || p.startsWith('resources/'))
          .map(async path => ({
            path,
            content: await readFile(join(HELLO_WORLD, path), 'utf8'),
          })),
      );
      expect(bundle.map(f => f.path)).toEqual([
        'databricks.yml',
        'resources/daily_summary.job.yml',
        'resources/job_test.job.yml',
      ]);
      expect(validateBundleFiles(bundle)).toEqual([]);
    });

    it('--check lists stale, missing and extra files; compile fixes them atomically', async () => {
      const project = await copyOfHelloWorld('stale');
      await edit(
        join(project, 'generated/sql/ComputeSales.sql'),
        'INSERT OVERWRITE TABLE gold.daily_summary',
        'INSERT OVERWRITE TABLE gold.daily_summary_by_hand',
      );
      await rm(join(project, 'resources/job_test.job.yml'));
      await writeFile(join(project, 'generated/sql/Old.sql'), 'SELECT 1;\n');
      const before = await listFiles(project);

      const check = await run('compile', project, '--check');
      expect(check).toEqual({
        code: 1,
        stdout: '',
        stderr: [
          `stale: ${project}/generated/sql/ComputeSales.sql`,
          `extra: ${project}/generated/sql/Old.sql`,
          `missing: ${project}/resources/job_test.job.yml`,
          `meshwork: 3 generated files out of date; run 'meshwork compile ${project}'`,
          '',
        ].join('\n'),
      });
      expect(await listFiles(project)).toEqual(before);

      const compile = await run('compile', project);
      expect(compile).toEqual({
        code: 0,
        stdout: [
          `wrote ${project}/generated/sql/ComputeSales.sql`,
          `removed ${project}/generated/sql/Old.sql`,
          `wrote ${project}/resources/job_test.job.yml`,
          '12 generated files: 2 written, 10 unchanged, 1 removed',
          '',
        ].join('\n'),
        stderr: '',
      });
      expect(await listFiles(project)).toEqual(await listFiles(HELLO_WORLD));
      expect(
        await readFile(join(project, 'generated/sql/ComputeSales.sql'), 'utf8'),
      ).toBe(
        await readFile(
          join(HELLO_WORLD, 'generated/sql/ComputeSales.sql'),
          'utf8',
        ),
      );
      await expect(run('compile', project, '--check')).resolves.toMatchObject({
        code: 0,
      });
    });

    it('--check reports the manifest, and the code commenting the column, stale when a contract changes, and missing when deleted', async () => {
      const project = await copyOfHelloWorld('manifest');
      await edit(
        join(project, 'datasets/TotalSales.dataset.yaml'),
        'description: Number of distinct ordering customers.',
        'description: Number of distinct customers who ordered.',
      );
      await expect(run('compile', project, '--check')).resolves.toEqual({
        code: 1,
        stdout: '',
        stderr: [
          `stale: ${project}/generated/manifest.json`,
          // The description is the column's comment in the table created.
          `stale: ${project}/generated/python/ComputeSales.py`,
          `stale: ${project}/generated/sql/ComputeSales.sql`,
          `meshwork: 3 generated files out of date; run 'meshwork compile ${project}'`,
          '',
        ].join('\n'),
      });
      await rm(join(project, 'generated/manifest.json'));
      const compile = await run('compile', project);
      expect(compile.stdout).toBe(
        [
          `wrote ${project}/generated/manifest.json`,
          `wrote ${project}/generated/python/ComputeSales.py`,
          `wrote ${project}/generated/sql/ComputeSales.sql`,
          '12 generated files: 3 written, 9 unchanged, 0 removed',
          '',
        ].join('\n'),
      );
      const manifest = JSON.parse(
        await readFile(join(project, 'generated/manifest.json'), 'utf8'),
      );
      expect(
        manifest.datasets
          .find((d: { name: string }) => d.name === 'TotalSales')
          .contract.columns.find(
            (c: { name: string }) => c.name === 'customer_count',
          ).description,
      ).toBe('Number of distinct customers who ordered.');
      await expect(run('compile', project, '--check')).resolves.toMatchObject({
        code: 0,
      });
    });

    it('writes nothing while the project has errors', async () => {
      const project = await copyOfHelloWorld('broken');
      await rm(join(project, 'generated'), { recursive: true });
      await edit(
        join(project, 'datasets/bronze_orders.dataset.yaml'),
        'layer: bronze',
        'layer: copper',
      );
      const { code, stdout, stderr } = await run('compile', project);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        new RegExp(
          `^${project}/datasets/bronze_orders\\.dataset\\.yaml:4:8: error: .*\\n`,
        ),
      );
      expect(stderr).toMatch(
        new RegExp(`meshwork: ${project} has errors; nothing was written\\n$`),
      );
      expect(
        (await listFiles(project)).filter(p => p.startsWith('generated/')),
      ).toEqual([]);
    });
  });

  describe('lineage', () => {
    it('prints the lineage of every written dataset as JSON', async () => {
      const { code, stdout, stderr } = await run('lineage', HELLO_WORLD);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const lineage = JSON.parse(stdout);
      expect(
        lineage.datasets.map((d: { dataset: string }) => d.dataset),
      ).toEqual([
        'CustomerOrder',
        'DailySummary',
        'TotalSales',
        'silver_account_lengths',
        'silver_customer_accounts',
        'silver_customer_orders',
        'silver_sales_lines',
      ]);
      expect(lineage.edges).toContainEqual({
        from: 'bronze_products',
        to: 'TotalSales',
        pipeline: 'ComputeSales',
      });
    });

    it('prints one column with --column', async () => {
      const { code, stdout } = await run(
        'lineage',
        HELLO_WORLD,
        '--column',
        'DailySummary.discount_amount',
      );
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual({
        dataset: 'DailySummary',
        column: 'discount_amount',
        formula: 'sum(discount_amount)',
        steps: [
          {
            pipeline: 'ComputeSales',
            node: 'daily',
            gem: 'Aggregate',
            formula: 'sum(discount_amount)',
          },
          {
            pipeline: 'ComputeSales',
            node: 'enrich',
            gem: 'Subgraph',
            uses: 'EnrichSales',
            formula: 'quantity * unit_price - line_amount',
          },
        ],
        sources: [
          { dataset: 'bronze_order_lines', column: 'quantity' },
          { dataset: 'bronze_order_lines', column: 'unit_price' },
          { dataset: 'bronze_order_lines', column: 'line_amount' },
        ],
        via: ['ComputeSales'],
      });
    });

    it('suggests a close name for an unknown column', async () => {
      await expect(
        run('lineage', HELLO_WORLD, '--column', 'DailySummary.net_revenu'),
      ).resolves.toEqual({
        code: 1,
        stdout: '',
        stderr:
          "meshwork: no column 'DailySummary.net_revenu' in a dataset the project writes (did you mean 'DailySummary.net_revenue'?)\n",
      });
      const malformed = await run(
        'lineage',
        HELLO_WORLD,
        '--column',
        'revenue',
      );
      expect(malformed.code).toBe(1);
      expect(malformed.stderr).toBe(
        "meshwork: --column must be <dataset>.<column>, got 'revenue' (see 'meshwork lineage --help')\n",
      );
    });
  });

  describe('run', () => {
    let warehouse: string;

    beforeAll(async () => {
      warehouse = join(folder, 'warehouse.duckdb');
      await seedDemoWarehouse({ path: warehouse });
    });

    async function query(sql: string): Promise<unknown[][]> {
      const instance = await DuckDBInstance.create(warehouse, {
        access_mode: 'READ_ONLY',
      });
      const connection = await instance.connect();
      try {
        return (await connection.runAndReadAll(sql)).getRows();
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    }

    it('runs a job in dependency order and writes what a hand-written query computes', async () => {
      const { code, stdout, stderr } = await run(
        'run',
        HELLO_WORLD,
        '--job',
        'DailySummary',
        '--warehouse',
        warehouse,
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout.split('\n')).toEqual([
        expect.stringMatching(
          /^Join-customers-redo: silver\.customer_orders [\d,]+ rows, gold\.customer_order [\d,]+ rows \(\d+\.\d s\)$/,
        ),
        expect.stringMatching(
          /^CustomerAccounts: silver\.customer_accounts 1,000 rows /,
        ),
        expect.stringMatching(
          /^account_length_days: silver\.account_lengths [\d,]+ rows /,
        ),
        expect.stringMatching(
          /^ComputeSales: silver\.sales_lines [\d,]+ rows, gold\.daily_summary [\d,]+ rows, gold\.total_sales [\d,]+ rows /,
        ),
        `Job DailySummary: 4 pipelines run on ${warehouse}`,
        '',
      ]);

      // DailySummary, computed independently from the bronze tables.
      const expected = `
        WITH lines AS (
          SELECT o.order_date, o.currency, o.order_id, o.customer_id,
                 l.quantity, l.line_amount,
                 l.quantity * l.unit_price AS gross,
                 l.quantity * l.unit_price - l.line_amount AS discount
          FROM bronze.order_lines AS l
          JOIN bronze.orders AS o USING (order_id)
          JOIN bronze.products AS p USING (product_id)
          WHERE o.order_status = 'completed'
        ),
        per_day AS (
          SELECT order_date, currency,
                 count(DISTINCT order_id) AS order_count,
                 count(DISTINCT customer_id) AS customer_count,
                 sum(quantity) AS units_sold,
                 sum(gross) AS gross_amount,
                 sum(discount) AS discount_amount,
                 sum(line_amount) AS net_revenue
          FROM lines
          GROUP BY order_date, currency
        )
        SELECT *, sum(net_revenue) OVER (PARTITION BY currency ORDER BY order_date)
        FROM per_day`;
      const [[rows, missing, extra]] = await query(`
        WITH expected AS (${expected}), actual AS (SELECT * FROM gold.daily_summary)
        SELECT (SELECT count(*) FROM actual),
               (SELECT count(*) FROM (SELECT * FROM expected EXCEPT ALL SELECT * FROM actual)),
               (SELECT count(*) FROM (SELECT * FROM actual EXCEPT ALL SELECT * FROM expected))`);
      expect(Number(rows)).toBeGreaterThan(1000);
      expect([Number(missing), Number(extra)]).toEqual([0, 0]);

      // Every customer gets one current account row and a segment.
      const [[customers, segments]] = await query(
        'SELECT count(*), count(segment) FROM silver.customer_accounts',
      );
      expect([Number(customers), Number(segments)]).toEqual([1000, 1000]);
    });

    it('runs again over its own output, merging into the silver table', async () => {
      const before = await query('SELECT count(*) FROM silver.customer_orders');
      const { code } = await run(
        'run',
        HELLO_WORLD,
        '--job',
        'DailySummary',
        '--warehouse',
        warehouse,
      );
      expect(code).toBe(0);
      expect(
        await query('SELECT count(*) FROM silver.customer_orders'),
      ).toEqual(before);
    });

    it('passes job parameters to the tasks: --param, else the defaults', async () => {
      // Account lengths that disagree with an as-of date computed here.
      const wrongLengths = async (asOf: string) => {
        const [[count, wrong]] = await query(`
          SELECT count(*), count(*) FILTER (WHERE account_length_days <>
            datediff('day', account_open_date,
                     coalesce(account_close_date, DATE '${asOf}')))
          FROM silver.account_lengths`);
        return [Number(count) > 0, Number(wrong)];
      };
      const runWith = (...params: string[]) =>
        run(
          'run',
          HELLO_WORLD,
          '--job',
          'DailySummary',
          '--warehouse',
          warehouse,
          ...params,
        );

      expect((await runWith('--param', 'as_of_date=2026-01-01')).code).toBe(0);
      expect(await wrongLengths('2026-01-01')).toEqual([true, 0]);
      const [[earlier]] = await query(
        'SELECT sum(account_length_days) FROM silver.account_lengths',
      );

      expect((await runWith()).code).toBe(0);
      expect(await wrongLengths('2026-06-30')).toEqual([true, 0]);
      const [[later]] = await query(
        'SELECT sum(account_length_days) FROM silver.account_lengths',
      );
      expect(Number(later)).toBeGreaterThan(Number(earlier));

      await expect(
        runWith('--param', 'as_of_date=2026-13-01'),
      ).resolves.toEqual({
        code: 1,
        stdout: '',
        stderr:
          'meshwork: task "account_lengths" of job "DailySummary": parameter "as_of_date" of pipeline "account_length_days" (from job parameter "as_of_date"): "2026-13-01" is not a date (YYYY-MM-DD)\n',
      });
      await expect(runWith('--param', 'as_of=2026-01-01')).resolves.toEqual({
        code: 1,
        stdout: '',
        stderr:
          'meshwork: job "DailySummary" has no parameter "as_of"; its parameters: as_of_date (see \'meshwork run --help\')\n',
      });
    });

    it('names an unknown job and suggests the closest', async () => {
      await expect(
        run(
          'run',
          HELLO_WORLD,
          '--job',
          'DailySumary',
          '--warehouse',
          warehouse,
        ),
      ).resolves.toEqual({
        code: 1,
        stdout: '',
        stderr:
          'meshwork: no job "DailySumary" in the project (did you mean "DailySummary"?); jobs: DailySummary, Job-Test\n',
      });
    });

    it('reports a failing pipeline in one line, without a stack trace', async () => {
      const empty = join(folder, 'empty.duckdb');
      const instance = await DuckDBInstance.create(empty);
      instance.closeSync();
      const { code, stdout, stderr } = await run(
        'run',
        HELLO_WORLD,
        '--job',
        'Job-Test',
        '--warehouse',
        empty,
      );
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        /^meshwork: pipeline account_length_days \(task account_lengths\) failed: .*accounts.*\n$/,
      );
    });

    it('reports a missing warehouse file', async () => {
      const missing = join(folder, 'nowhere.duckdb');
      await expect(
        run('run', HELLO_WORLD, '--job', 'Job-Test', '--warehouse', missing),
      ).resolves.toEqual({
        code: 1,
        stdout: '',
        stderr: `meshwork: ${missing} does not exist; create it with 'meshwork seed --warehouse ${missing}'\n`,
      });
    });

    it('reports project problems at their position before running anything', async () => {
      const project = await copyOfHelloWorld('run-invalid');
      await edit(
        join(project, 'pipelines/account_length_days.pipeline.yaml'),
        'expression: account_close_date IS NULL',
        'expression: account_closed IS NULL',
      );
      const { code, stdout, stderr } = await run(
        'run',
        project,
        '--job',
        'Job-Test',
        '--warehouse',
        warehouse,
      );
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        new RegExp(
          `^${project}/pipelines/account_length_days\\.pipeline\\.yaml:\\d+:\\d+: error: node "length": unknown column \`account_closed\``,
        ),
      );
    });
  });
});
