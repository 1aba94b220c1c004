/**
 * @jest-environment node
 */
import { parse } from 'yaml';
import { validateBundleFiles } from '../bundle';
import { compileProject, isGeneratedProjectPath } from './compileProject';
import { findColumnLineage } from './projectLineage';
import { helloWorldFiles, shopProject } from './__testUtils__/projects';

function fileOf(
  files: readonly { path: string; content: string }[],
  path: string,
) {
  const file = files.find(f => f.path === path);
  if (!file) throw new Error(`${path} was not generated`);
  return file.content;
}

describe('compileProject', () => {
  it('compiles Hello World without problems into SQL and a bundle that validates', () => {
    const { files, diagnostics } = compileProject(helloWorldFiles());
    expect(diagnostics).toEqual([]);
    expect(
      files
        .map(f => f.path)
        .filter(path => !path.startsWith('generated/python/')),
    ).toEqual([
      'databricks.yml',
      'generated/manifest.json',
      'generated/sql/ComputeSales.sql',
      'generated/sql/CustomerAccounts.sql',
      'generated/sql/Join-customers-redo.sql',
      'generated/sql/account_length_days.sql',
      'resources/daily_summary.job.yml',
      'resources/job_test.job.yml',
    ]);
    const bundle = files.filter(
      f => f.path === 'databricks.yml' || f.path.startsWith('resources/'),
    );
    expect(validateBundleFiles(bundle)).toEqual([]);
    // Datasets are written to the tables their files name, verbatim.
    expect(fileOf(files, 'generated/sql/ComputeSales.sql')).toContain(
      'INSERT OVERWRITE TABLE gold.daily_summary (',
    );
  });

  it('is deterministic: same bytes whatever the order of the input files', () => {
    const files = helloWorldFiles();
    const first = compileProject(files);
    const second = compileProject([...files].reverse());
    expect(second.files).toEqual(first.files);
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect(JSON.stringify(second.lineage)).toBe(JSON.stringify(first.lineage));
    for (const file of first.files) {
      expect({ path: file.path, cr: file.content.includes('\r') }).toEqual({
        path: file.path,
        cr: false,
      });
      expect(file.content.endsWith('\n')).toBe(true);
      expect(file.content.endsWith('\n\n')).toBe(false);
      expect(isGeneratedProjectPath(file.path)).toBe(true);
    }
  });

  it('ignores the generated files it is given', () => {
    const sources = shopProject();
    const withGenerated = [
      ...sources,
      { path: 'generated/sql/Old.sql', text: 'SELECT 1;\n' },
      { path: 'databricks.yml', text: 'bundle: {}\n' },
    ];
    expect(compileProject(withGenerated).files).toEqual(
      compileProject(sources).files,
    );
  });

  it('maps a job onto bundle tasks running the generated SQL', () => {
    const { files, diagnostics } = compileProject(shopProject());
    expect(diagnostics).toEqual([]);
    const job = parse(fileOf(files, 'resources/nightly.job.yml')).resources.jobs
      .nightly;
    expect(job).toMatchObject({
      name: 'Nightly',
      schedule: {
        quartz_cron_expression: '0 0 2 * * ?',
        timezone_id: 'Europe/Amsterdam',
        pause_status: 'UNPAUSED',
      },
      email_notifications: { on_failure: ['oncall@example.com'] },
      tags: { meshwork_project: 'shop', meshwork_team: 'group:default/shop' },
    });
    expect(job.tasks).toEqual([
      expect.objectContaining({
        task_key: 'clean',
        sql_task: expect.objectContaining({
          file: { path: '../generated/sql/CleanOrders.sql' },
        }),
        max_retries: 1,
      }),
      expect.objectContaining({
        task_key: 'totals',
        depends_on: [{ task_key: 'clean' }],
      }),
    ]);
    const bundle = parse(fileOf(files, 'databricks.yml'));
    expect(bundle.targets.prod.variables).toEqual({
      catalog: 'main',
      schema: 'shop',
      warehouse_id: 'prod-warehouse',
    });
    // The SQL switches to the target's catalog, then creates what it
    // writes into there, before writing.
    expect(fileOf(files, 'generated/sql/CleanOrders.sql')).toMatch(
      /USE CATALOG IDENTIFIER\(:catalog\);\n\n-- Schemas and dataset tables .*\nCREATE SCHEMA IF NOT EXISTS silver;\n\nCREATE TABLE IF NOT EXISTS silver\.orders \([^;]*\)\nUSING DELTA;\n\n-- Target out/,
    );
  });

  it('reports bundle problems in the job file', () => {
    const text = shopProject()
      .find(f => f.path === 'jobs/Nightly.job.yaml')!
      .text.replace('timezone: Europe/Amsterdam', 'timezone: Europe/Amsterdan');
    const { diagnostics, files } = compileProject(
      shopProject({ 'jobs/Nightly.job.yaml': text }),
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'jobs/Nightly.job.yaml',
        line: 12,
        column: 13,
        code: 'invalid-timezone',
        severity: 'error',
      }),
    ]);
    expect(files.some(f => f.path === 'databricks.yml')).toBe(false);
  });

  it('needs dev and prod targets for the bundle', () => {
    const text = shopProject()
      .find(f => f.path === 'meshwork.yaml')!
      .text.replace(/ {4}prod:\n(?: {6}.*\n)+/, '');
    const { diagnostics } = compileProject(
      shopProject({ 'meshwork.yaml': text }),
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'meshwork.yaml',
        line: 8,
        column: 5,
        message:
          'the Databricks bundle deploys to targets "dev" and "prod"; add "prod"',
      }),
    ]);
  });
});

it('runs PySpark entry points when the default dialect is pyspark', () => {
  const text = shopProject()
    .find(f => f.path === 'meshwork.yaml')!
    .text.replace('defaultDialect: spark', 'defaultDialect: pyspark');
  const { files, diagnostics } = compileProject(
    shopProject({ 'meshwork.yaml': text }),
  );
  const python = files.filter(f => f.path.startsWith('generated/python/'));
  expect(diagnostics).toEqual([]);
  const job = parse(fileOf(files, 'resources/nightly.job.yml')).resources.jobs
    .nightly;
  expect(job.tasks[0].spark_python_task.python_file).toBe(
    '../generated/python/CleanOrders.py',
  );
  expect(python.map(f => f.path)).toEqual([
    'generated/python/CleanOrders.py',
    'generated/python/TotalOrders.py',
  ]);
});

describe('project lineage', () => {
  it('traces a gold column through the silver dataset another pipeline writes', () => {
    const { lineage } = compileProject(shopProject());
    const total = findColumnLineage(lineage, 'order_totals.total_cents');
    expect(total).toEqual({
      found: true,
      dataset: 'order_totals',
      lineage: {
        column: 'total_cents',
        formula: 'sum(amount_cents)',
        steps: [
          {
            pipeline: 'TotalOrders',
            node: 'per_status',
            gem: 'Aggregate',
            formula: 'sum(amount_cents)',
          },
          {
            pipeline: 'CleanOrders',
            node: 'cents',
            gem: 'Reformat',
            formula: 'amount * 100',
          },
        ],
        sources: [{ dataset: 'raw_orders', column: 'amount' }],
        via: ['TotalOrders', 'CleanOrders'],
      },
    });
    expect(lineage.edges).toEqual([
      { from: 'raw_orders', to: 'clean_orders', pipeline: 'CleanOrders' },
      { from: 'clean_orders', to: 'order_totals', pipeline: 'TotalOrders' },
    ]);
  });

  it('suggests close names for a column that does not exist', () => {
    const { lineage } = compileProject(shopProject());
    expect(findColumnLineage(lineage, 'order_totals.total_cent')).toEqual({
      found: false,
      suggestions: ['order_totals.total_cents'],
    });
  });

  describe('Hello World', () => {
    const { lineage } = compileProject(helloWorldFiles());
    const source = (qualified: string) => {
      const [dataset, column] = qualified.split('.');
      return { dataset, column };
    };

    it.each([
      [
        'DailySummary.order_count',
        'count(DISTINCT order_id)',
        ['bronze_orders.order_id'],
      ],
      [
        'DailySummary.customer_count',
        'count(DISTINCT customer_id)',
        ['bronze_orders.customer_id'],
      ],
      [
        'DailySummary.units_sold',
        'sum(quantity)',
        ['bronze_order_lines.quantity'],
      ],
      [
        'DailySummary.net_revenue',
        'sum(line_amount)',
        ['bronze_order_lines.line_amount'],
      ],
      [
        'DailySummary.gross_amount',
        'sum(gross_amount)',
        ['bronze_order_lines.quantity', 'bronze_order_lines.unit_price'],
      ],
      [
        'DailySummary.discount_amount',
        'sum(discount_amount)',
        [
          'bronze_order_lines.quantity',
          'bronze_order_lines.unit_price',
          'bronze_order_lines.line_amount',
        ],
      ],
      ['DailySummary.order_date', 'order_date', ['bronze_orders.order_date']],
      ['TotalSales.category', 'category', ['bronze_products.category']],
      [
        'TotalSales.first_order_date',
        'min(order_date)',
        ['bronze_orders.order_date'],
      ],
      [
        'TotalSales.last_order_date',
        'max(order_date)',
        ['bronze_orders.order_date'],
      ],
      [
        'TotalSales.net_revenue',
        'sum(line_amount)',
        ['bronze_order_lines.line_amount'],
      ],
      [
        'CustomerOrder.customer_name',
        "concat_ws(' ', trim(first_name), trim(last_name))",
        ['bronze_customers.first_name', 'bronze_customers.last_name'],
      ],
      [
        'CustomerOrder.phone',
        "regexp_replace(phone, '[^0-9+]', '')",
        ['bronze_customers.phone'],
      ],
      ['CustomerOrder.account_id', 'account_id', ['bronze_orders.account_id']],
    ])('%s is %s over %j', (column, formula, sources) => {
      const found = findColumnLineage(lineage, column);
      expect(found).toMatchObject({
        found: true,
        lineage: { formula, sources: sources.map(source) },
      });
    });

    it('follows gross_amount into the EnrichSales subgraph', () => {
      const found = findColumnLineage(lineage, 'DailySummary.gross_amount');
      expect(found.found && found.lineage.steps).toEqual([
        expect.objectContaining({
          node: 'daily',
          formula: 'sum(gross_amount)',
        }),
        {
          pipeline: 'ComputeSales',
          node: 'enrich',
          gem: 'Subgraph',
          uses: 'EnrichSales',
          formula: 'quantity * unit_price',
        },
      ]);
    });

    it('follows the segment through the CommonSalesClassification rule', () => {
      const found = findColumnLineage(
        lineage,
        'silver_customer_accounts.segment',
      );
      expect(found.found && found.lineage.steps).toEqual([
        expect.objectContaining({
          gem: 'BusinessRule',
          uses: 'CommonSalesClassification',
          formula: expect.stringMatching(
            /^CASE WHEN sector IN \('Public Sector', 'Education'\) THEN 'Public' .* ELSE 'SMB' END$/,
          ),
        }),
      ]);
      expect(found.found && found.lineage.sources).toEqual(
        ['business_size', 'sector', 'geography', 'region'].map(column => ({
          dataset: 'bronze_customers',
          column,
        })),
      );
    });

    it('hashes CustomerOrder.email after cleaning it', () => {
      const found = findColumnLineage(lineage, 'CustomerOrder.email');
      expect(found.found && found.lineage.steps.map(s => s.gem)).toEqual([
        'Mask',
        'Reformat',
      ]);
      expect(found.found && found.lineage.sources).toEqual([
        { dataset: 'bronze_customers', column: 'email' },
      ]);
    });
  });
});
