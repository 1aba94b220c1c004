/**
 * @jest-environment node
 */
import Ajv from 'ajv';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import {
  MANIFEST_PATH,
  MANIFEST_VERSION,
  ManifestDataset,
  ProjectManifest,
  projectManifestJsonSchema,
  readManifest,
} from '../manifest';
import { compileProject } from './compileProject';
import { datasetManifest } from './datasetManifest';
import { loadProject } from './loadProject';
import { helloWorldFiles, shopProject } from './__testUtils__/projects';
import type { ProjectSourceFile } from './types';

const COMMITTED_MANIFEST = path.resolve(
  __dirname,
  '../../../../examples/hello-world/generated/manifest.json',
);

function manifestText(files: readonly { path: string; content: string }[]) {
  const file = files.find(f => f.path === MANIFEST_PATH);
  if (!file) throw new Error(`${MANIFEST_PATH} was not generated`);
  return file.content;
}

function dataset(manifest: ProjectManifest, name: string): ManifestDataset {
  const found = manifest.datasets.find(d => d.name === name);
  if (!found) throw new Error(`no dataset ${name} in the manifest`);
  return found;
}

/** A deterministic shuffle, so a failure can be reproduced. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let i = result.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
const validate = ajv.compile(projectManifestJsonSchema);

describe('the project manifest', () => {
  const hello = compileProject(helloWorldFiles());
  const manifest = hello.manifest;

  it('is generated for Hello World, identical to the committed generated/manifest.json', () => {
    expect(hello.diagnostics).toEqual([]);
    const text = manifestText(hello.files);
    expect(text).toBe(fs.readFileSync(COMMITTED_MANIFEST, 'utf8'));
    expect(JSON.parse(text)).toEqual(manifest);
  });

  it('validates against its JSON Schema (Ajv) and readManifest', () => {
    const parsed = JSON.parse(manifestText(hello.files));
    expect(validate(parsed) ? [] : validate.errors).toEqual([]);
    expect(readManifest(parsed)).toEqual(manifest);
  });

  it('says about the project and its datasets what datasetManifest says, without compiling', () => {
    const declared = datasetManifest(loadProject(helloWorldFiles()));
    expect(declared.project).toEqual(manifest.project);
    expect(declared.datasets.length).toBeGreaterThan(0);
    expect(declared.datasets).toEqual(
      manifest.datasets.map(
        ({ producedBy, upstream, downstream, lineage, ...rest }) => rest,
      ),
    );
  });

  it('names its version, schema and generator, and no time', () => {
    expect(Object.keys(manifest)).toEqual([
      '$schema',
      'manifestVersion',
      'generator',
      'project',
      'datasets',
      'pipelines',
      'jobs',
      'diagnostics',
    ]);
    expect(manifest).toMatchObject({
      $schema: 'https://meshwork.dev/schemas/manifest.v1.json',
      manifestVersion: MANIFEST_VERSION,
      generator: { name: 'meshwork', version: expect.any(String) },
      project: {
        name: 'hello-world',
        title: 'Hello World',
        owner: 'group:default/sales-analytics',
        domain: 'sales',
        system: 'sales-insights',
        standardsVersion: '2026.1',
        engine: {
          defaultDialect: 'spark',
          targets: {
            dev: {
              catalog: 'dev',
              schema: 'sales',
              warehouse: 'dev-warehouse',
            },
            prod: {
              catalog: 'main',
              schema: 'sales',
              warehouse: 'prod-warehouse',
            },
          },
        },
      },
      diagnostics: [],
    });
    expect(manifestText(hello.files)).not.toMatch(
      /\d{4}-\d\d-\d\dT\d\d:\d\d|"generated_?at"/i,
    );
  });

  it('traces every TotalSales column to columns of bronze datasets', () => {
    const totalSales = dataset(manifest, 'TotalSales');
    expect(totalSales.lineage.map(c => c.column)).toEqual(
      totalSales.contract.columns.map(c => c.name),
    );
    const bronze = new Set(
      manifest.datasets.filter(d => d.layer === 'bronze').map(d => d.name),
    );
    for (const column of totalSales.lineage) {
      expect(column.sources.length).toBeGreaterThan(0);
      for (const source of column.sources) {
        expect(bronze.has(source.split('.')[0])).toBe(true);
      }
    }
    expect(
      totalSales.lineage.find(c => c.column === 'units_sold'),
    ).toMatchObject({
      formula: 'sum(quantity)',
      sources: ['bronze_order_lines.quantity'],
      via: ['ComputeSales'],
    });
    expect(totalSales).toMatchObject({
      table: 'gold.total_sales',
      tables: { dev: 'dev.gold.total_sales', prod: 'main.gold.total_sales' },
      producedBy: {
        pipeline: 'ComputeSales',
        node: 'totals_out',
        mode: 'overwrite',
      },
      upstream: ['bronze_order_lines', 'bronze_orders', 'bronze_products'],
      downstream: [],
    });
  });

  it('follows lineage across pipelines, through the silver dataset between them', () => {
    const shop = compileProject(shopProject()).manifest;
    expect(dataset(shop, 'order_totals')).toMatchObject({
      producedBy: { pipeline: 'TotalOrders', node: 'out' },
      upstream: ['clean_orders'],
      downstream: [],
      lineage: [
        { column: 'status' },
        {
          column: 'total_cents',
          formula: 'sum(amount_cents)',
          sources: ['raw_orders.amount'],
          via: ['TotalOrders', 'CleanOrders'],
          steps: [
            { pipeline: 'TotalOrders', node: 'per_status', gem: 'Aggregate' },
            {
              pipeline: 'CleanOrders',
              node: 'cents',
              gem: 'Reformat',
              formula: 'amount * 100',
            },
          ],
        },
      ],
    });
    expect(dataset(shop, 'clean_orders')).toMatchObject({
      upstream: ['raw_orders'],
      downstream: ['order_totals'],
    });
    expect(dataset(shop, 'raw_orders')).toMatchObject({
      upstream: [],
      downstream: ['clean_orders'],
      lineage: [],
    });
    expect(dataset(shop, 'raw_orders').producedBy).toBeUndefined();
  });

  it('follows lineage through a subgraph, as `meshwork lineage` does', () => {
    const discount = dataset(manifest, 'DailySummary').lineage.find(
      c => c.column === 'discount_amount',
    );
    expect(discount?.steps).toContainEqual({
      pipeline: 'ComputeSales',
      node: 'enrich',
      gem: 'Subgraph',
      uses: 'EnrichSales',
      formula: 'quantity * unit_price - line_amount',
    });
    // Each column's lineage is the one `meshwork lineage` prints.
    for (const written of hello.lineage.datasets) {
      const columns = dataset(manifest, written.dataset).lineage;
      expect(columns.map(c => [c.column, c.formula, c.via])).toEqual(
        written.columns.map(c => [c.column, c.formula, c.via]),
      );
      expect(columns.map(c => c.sources)).toEqual(
        written.columns.map(c =>
          c.sources.map(s => `${s.dataset}.${s.column}`).sort(),
        ),
      );
    }
  });

  it('lists the DailySummary tasks in run order, keyed as the bundle keys them', () => {
    const job = manifest.jobs.find(j => j.name === 'DailySummary')!;
    const resource = parse(
      hello.files.find(f => f.path === `resources/${job.bundleKey}.job.yml`)!
        .content,
    ).resources.jobs[job.bundleKey];
    expect(job.tasks.map(t => t.bundleKey)).toEqual(
      resource.tasks.map((t: { task_key: string }) => t.task_key),
    );
    expect(job).toMatchObject({
      file: 'jobs/DailySummary.job.yaml',
      bundleKey: 'daily_summary',
      schedule: {
        cron: '0 0 6 * * ?',
        timezone: 'Europe/Amsterdam',
        paused: false,
      },
      tasks: [
        {
          key: 'customer_orders',
          pipeline: 'Join-customers-redo',
          dependsOn: [],
          writes: ['CustomerOrder', 'silver_customer_orders'],
        },
        { key: 'customer_accounts', pipeline: 'CustomerAccounts' },
        {
          key: 'account_lengths',
          pipeline: 'account_length_days',
          dependsOn: ['customer_accounts'],
          writes: ['silver_account_lengths'],
        },
        {
          key: 'compute_sales',
          dependsOn: ['customer_orders'],
          writes: ['DailySummary', 'TotalSales', 'silver_sales_lines'],
        },
      ],
      alerts: {
        onFailure: ['data-platform@example.com'],
        onQualityBreach: ['sales-analytics@example.com'],
      },
    });
    expect(manifest.jobs.find(j => j.name === 'Job-Test')).toMatchObject({
      bundleKey: 'job_test',
      schedule: { paused: true },
    });
  });

  it('keeps the contract with its PII classifications, quality rules and SLA', () => {
    const customers = dataset(manifest, 'bronze_customers');
    expect(
      customers.contract.columns
        .filter(c => c.classification === 'pii')
        .map(c => [c.name, c.tags]),
    ).toEqual([
      ['first_name', ['name']],
      ['last_name', ['name']],
      ['customer_name', ['name']],
      ['email', ['email']],
      ['phone', ['phone']],
    ]);
    expect(
      dataset(manifest, 'CustomerOrder').contract.columns.find(
        c => c.name === 'email',
      ),
    ).toMatchObject({ classification: 'pii' });
    expect(dataset(manifest, 'TotalSales').contract).toMatchObject({
      quality: expect.arrayContaining([
        { check: 'unique', columns: ['currency', 'category'] },
        { check: 'range', column: 'net_revenue', min: 0 },
      ]),
      sla: { freshnessHours: 26 },
    });
  });

  it('describes each pipeline with its inputs, outputs and generated files', () => {
    expect(manifest.pipelines.map(p => p.name)).toEqual([
      'ComputeSales',
      'CustomerAccounts',
      'Join-customers-redo',
      'account_length_days',
    ]);
    expect(
      manifest.pipelines.find(p => p.name === 'ComputeSales'),
    ).toMatchObject({
      file: 'pipelines/ComputeSales.pipeline.yaml',
      inputs: [
        { node: 'order_lines', dataset: 'bronze_order_lines' },
        { node: 'orders', dataset: 'bronze_orders', table: 'bronze.orders' },
        { node: 'products', dataset: 'bronze_products' },
      ],
      outputs: [
        { node: 'daily_out', dataset: 'DailySummary', mode: 'overwrite' },
        { node: 'sales_lines_out', dataset: 'silver_sales_lines' },
        { node: 'totals_out', dataset: 'TotalSales' },
      ],
      generated: {
        sql: 'generated/sql/ComputeSales.sql',
        python: 'generated/python/ComputeSales.py',
      },
    });
  });

  describe('is deterministic', () => {
    const sources = helloWorldFiles();
    const expected = manifestText(compileProject(sources).files);

    it('gives the same bytes when compiled twice', () => {
      expect(manifestText(compileProject(sources).files)).toBe(expected);
    });

    it.each([1, 2, 3])(
      'gives the same bytes whatever the order of the input files (shuffle %i)',
      seed => {
        expect(
          manifestText(compileProject(shuffled(sources, seed)).files),
        ).toBe(expected);
      },
    );

    it('changes only the lines about a changed node', () => {
      // TotalSales.customer_count counts orders instead of customers.
      const edited = sources.map(f => {
        if (f.path !== 'pipelines/ComputeSales.pipeline.yaml') return f;
        const [head, totals] = f.text.split('  - id: totals\n');
        return {
          ...f,
          text: `${head}  - id: totals\n${totals.replace(
            'count(DISTINCT customer_id)',
            'count(DISTINCT order_id)',
          )}`,
        };
      });
      const before = expected.split('\n');
      const after = manifestText(compileProject(edited).files).split('\n');
      expect(after).toHaveLength(before.length);
      const changed = before.flatMap((line, i) =>
        line === after[i] ? [] : [[line.trim(), after[i].trim()]],
      );
      expect(changed).toEqual([
        [
          '"formula": "count(DISTINCT customer_id)",',
          '"formula": "count(DISTINCT order_id)",',
        ],
        ['"bronze_orders.customer_id"', '"bronze_orders.order_id"'],
        [
          '"formula": "count(DISTINCT customer_id)"',
          '"formula": "count(DISTINCT order_id)"',
        ],
      ]);
    });
  });

  describe('of a broken project', () => {
    const broken: ProjectSourceFile[] = helloWorldFiles().map(f =>
      f.path === 'pipelines/ComputeSales.pipeline.yaml'
        ? {
            ...f,
            text: f.text.replace(
              "condition: order_status = 'completed'",
              "condition: order_stat = 'completed'",
            ),
          }
        : f,
    );
    const compiled = compileProject(broken);

    it('carries the diagnostics and still validates', () => {
      const errors = compiled.diagnostics.filter(d => d.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      expect(compiled.manifest.diagnostics).toContainEqual({
        file: 'pipelines/ComputeSales.pipeline.yaml',
        line: 34,
        column: 18,
        severity: 'error',
        code: errors[0].code,
        message: expect.stringContaining('unknown column `order_stat`'),
      });
      const parsed = JSON.parse(manifestText(compiled.files));
      expect(validate(parsed) ? [] : validate.errors).toEqual([]);
      expect(readManifest(parsed).diagnostics).toHaveLength(
        compiled.diagnostics.length,
      );
    });

    it('lists no generated code for the broken pipeline', () => {
      expect(
        compiled.manifest.pipelines.find(p => p.name === 'ComputeSales'),
      ).toMatchObject({ generated: {} });
      expect(compiled.files.map(f => f.path)).not.toContain(
        'generated/sql/ComputeSales.sql',
      );
    });

    it('is written even without meshwork.yaml, with no project', () => {
      const { manifest: withoutProject, files } = compileProject(
        shopProject({ 'meshwork.yaml': null }),
      );
      expect(withoutProject.project).toBeUndefined();
      expect(withoutProject.diagnostics).toContainEqual(
        expect.objectContaining({ code: 'missing-file', severity: 'error' }),
      );
      expect(withoutProject.datasets.map(d => d.tables)).toEqual([{}, {}, {}]);
      expect(validate(JSON.parse(manifestText(files)))).toBe(true);
    });
  });

  it('puts a task after the tasks it depends on, whatever the file order', () => {
    const reordered = `formatVersion: 1
name: Nightly
tasks:
  - key: totals
    pipeline: TotalOrders
    dependsOn:
      - clean
  - key: clean
    pipeline: CleanOrders
`;
    const { manifest: shop } = compileProject(
      shopProject({ 'jobs/Nightly.job.yaml': reordered }),
    );
    expect(shop.jobs[0].tasks.map(t => [t.key, t.writes])).toEqual([
      ['clean', ['clean_orders']],
      ['totals', ['order_totals']],
    ]);
    expect(shop.jobs[0]).toMatchObject({
      alerts: { onFailure: [], onQualityBreach: [] },
    });
    expect(shop.jobs[0].schedule).toBeUndefined();
  });

  it('names the dataset that describes a table a Source reads', () => {
    const clean = shopProject()
      .find(f => f.path === 'pipelines/CleanOrders.pipeline.yaml')!
      .text.replace('dataset: raw_orders', 'table: bronze.orders');
    const { manifest: shop } = compileProject(
      shopProject({ 'pipelines/CleanOrders.pipeline.yaml': clean }),
    );
    expect(shop.pipelines.find(p => p.name === 'CleanOrders')).toMatchObject({
      inputs: [
        { node: 'orders', dataset: 'raw_orders', table: 'bronze.orders' },
      ],
      outputs: [
        {
          node: 'out',
          dataset: 'clean_orders',
          table: 'silver.orders',
          mode: 'overwrite',
        },
      ],
    });
  });

  it('uses the bundle generator keys when job and task names clash', () => {
    const nightly = shopProject()
      .find(f => f.path === 'jobs/Nightly.job.yaml')!
      .text.replace('name: Nightly', 'name: nightly')
      .replace('key: totals', 'key: clean_');
    const {
      manifest: shop,
      files,
      diagnostics,
    } = compileProject(shopProject({ 'jobs/nightly.job.yaml': nightly }));
    expect(diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    expect(shop.jobs.map(j => [j.name, j.bundleKey])).toEqual([
      ['Nightly', 'nightly'],
      ['nightly', 'nightly_2'],
    ]);
    for (const job of shop.jobs) {
      const resource = parse(
        files.find(f => f.path === `resources/${job.bundleKey}.job.yml`)!
          .content,
      ).resources.jobs[job.bundleKey];
      expect(resource.name).toBe(job.name);
      expect(job.tasks.map(t => t.bundleKey)).toEqual(
        resource.tasks.map((t: { task_key: string }) => t.task_key),
      );
    }
    expect(
      shop.jobs[1].tasks.map(t => [t.key, t.bundleKey, t.dependsOn]),
    ).toEqual([
      ['clean', 'clean', []],
      ['clean_', 'clean_2', ['clean']],
    ]);
  });
});
