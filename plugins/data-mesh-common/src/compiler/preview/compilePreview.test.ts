/**
 * @jest-environment node
 */
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'fs';
import path from 'path';
import type { PipelineFile } from '../../project';
import { loadProject } from '../../projectCompiler/loadProject';
import { helloWorldFiles } from '../../projectCompiler/__testUtils__/projects';
import { compilePipeline } from '../compilePipeline';
import { chain, datasets, node } from '../__testUtils__/build';
import { compilePreview, CompilePreviewOptions } from './compilePreview';

/** `UPDATE_GOLDEN=1 yarn test …` rewrites the expected files. */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FIXTURES = path.join(__dirname, '__fixtures__');

const helloWorld = loadProject(helloWorldFiles());
const tables = (dataset: string) =>
  helloWorld.context.datasets[dataset]?.table ?? dataset;
const classifications = (dataset: string) =>
  Object.fromEntries(
    helloWorld.datasets
      .get(dataset)!
      .value.contract.columns.map(c => [c.name, c.classification]),
  );

function pipeline(name: string): PipelineFile {
  return helloWorld.pipelines.get(name)!.value;
}

function preview(
  name: string,
  nodeId: string,
  options: Partial<CompilePreviewOptions> = {},
) {
  return compilePreview(pipeline(name), helloWorld.context, nodeId, {
    dialect: 'duckdb',
    tables,
    classifications,
    ...options,
  });
}

describe('compilePreview', () => {
  it.each([
    ['ComputeSales', 'orders', 'duckdb'],
    ['ComputeSales', 'completed_lines', 'duckdb'],
    ['ComputeSales', 'enrich', 'duckdb'],
    ['ComputeSales', 'totals_out', 'spark'],
    ['Join-customers-redo', 'customer_orders', 'spark'],
    ['Join-customers-redo', 'hash_email', 'duckdb'],
  ] as const)('writes the preview of %s › %s in %s', (name, id, dialect) => {
    const compiled = preview(name, id, { dialect, limit: 100 });
    expect(compiled.diagnostics).toEqual([]);
    const file = path.join(FIXTURES, `${name}.${id}.${dialect}.sql`);
    if (UPDATE) {
      fs.mkdirSync(FIXTURES, { recursive: true });
      fs.writeFileSync(file, compiled.sql!);
    }
    expect(compiled.sql).toBe(fs.readFileSync(file, 'utf8'));
  });

  it('previews a Target as the columns it writes, without writing', () => {
    const compiled = preview('ComputeSales', 'daily_out');
    expect(compiled.sql).not.toMatch(/CREATE|INSERT|MERGE/);
    expect(compiled.sql).toMatch(/FROM daily_sorted$/m);
    const full = compilePipeline(pipeline('ComputeSales'), helloWorld.context, {
      dialect: 'duckdb',
      tables,
    });
    expect(
      full.propagation.inputs.get('daily_out')?.in?.columns.map(c => c.name),
    ).toEqual(compiled.columns!.map(c => c.name));
  });

  it('previews the named output of a subgraph through the gem feeding it', () => {
    const subgraph = helloWorld.context.subgraphs!.EnrichSales;
    const [first] = subgraph.outputs;
    const compiled = preview('ComputeSales', 'enrich', { port: first.name });
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.sql).toMatch(/^FROM enrich__\w+$/m);
    expect(compiled.columns!.map(c => c.name)).toEqual(
      first.schema.map(c => c.name),
    );
  });

  it('reports an unknown node id at nodeId, with a suggestion', () => {
    const compiled = preview('ComputeSales', 'complete_lines');
    expect(compiled.sql).toBeUndefined();
    expect(compiled.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'unknown-node',
        path: ['nodeId'],
        message: expect.stringContaining('did you mean "completed_lines"?'),
      }),
    ]);
  });

  it('reports an output port the node does not have at port', () => {
    const compiled = preview('ComputeSales', 'enrich', { port: 'nope' });
    expect(compiled.diagnostics).toEqual([
      expect.objectContaining({ path: ['port'], code: 'invalid-port' }),
    ]);
  });

  it('ignores problems downstream of the node and reports those upstream at their place', () => {
    const edited = pipeline('ComputeSales');
    const broken = edited.nodes.findIndex(n => n.id === 'daily');
    const nodes = edited.nodes.map((n, i) =>
      i === broken && n.type === 'Aggregate'
        ? {
            ...n,
            config: {
              ...n.config,
              aggregates: [{ name: 'x', expression: 'sum(no_such_column)' }],
            },
          }
        : n,
    );
    const withBrokenDaily = { ...edited, nodes };

    const upstream = compilePreview(
      withBrokenDaily,
      helloWorld.context,
      'completed_lines',
      { dialect: 'duckdb', tables },
    );
    expect(upstream.diagnostics).toEqual([]);
    expect(upstream.sql).toBeDefined();

    const downstream = compilePreview(
      withBrokenDaily,
      helloWorld.context,
      'daily',
      { dialect: 'duckdb', tables },
    );
    expect(downstream.sql).toBeUndefined();
    expect(downstream.diagnostics).toEqual([
      expect.objectContaining({
        nodeId: 'daily',
        path: ['nodes', broken, 'config', 'aggregates', 0, 'expression'],
        message: expect.stringContaining('no_such_column'),
        expression: expect.objectContaining({ line: 1, column: 5 }),
      }),
    ]);
  });

  it('reports a subgraph the project lacks as meshwork validate does, and nothing about how the preview reads it', () => {
    const edited = pipeline('ComputeSales');
    const index = edited.nodes.findIndex(n => n.id === 'enrich');
    const nodes = edited.nodes.map(n =>
      n.id === 'enrich' && n.type === 'Subgraph'
        ? { ...n, config: { ...n.config, subgraph: 'EnrichSale' } }
        : n,
    );
    const compiled = compilePreview(
      { ...edited, nodes },
      helloWorld.context,
      'enrich',
      { dialect: 'duckdb', tables },
    );
    expect(compiled.sql).toBeUndefined();
    expect(compiled.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'unknown-reference',
        path: ['nodes', index, 'config', 'subgraph'],
        message:
          'no subgraph "EnrichSale" in the project (did you mean "EnrichSales"?)',
      },
    ]);
  });

  it('reports a Target without input as checking the whole pipeline does', () => {
    const edited = pipeline('ComputeSales');
    const target = edited.nodes.find(n => n.type === 'Target')!;
    const unfed = {
      ...edited,
      edges: edited.edges.filter(e => e.to.node !== target.id),
    };
    const compiled = compilePreview(unfed, helloWorld.context, target.id, {
      dialect: 'duckdb',
      tables,
    });
    const whole = compilePipeline(unfed, helloWorld.context, {
      dialect: 'duckdb',
      tables,
    });
    expect(compiled.sql).toBeUndefined();
    expect(compiled.diagnostics).toEqual([
      expect.objectContaining({ code: 'missing-input', nodeId: target.id }),
    ]);
    expect(whole.diagnostics.filter(d => d.nodeId === target.id)).toEqual(
      compiled.diagnostics,
    );
  });

  it('rejects a row limit that is not a non-negative integer', () => {
    expect(
      preview('ComputeSales', 'orders', { limit: -1 }).diagnostics,
    ).toEqual([expect.objectContaining({ path: ['limit'] })]);
  });

  describe('personal data', () => {
    const piiOf = (name: string, id: string) =>
      Object.fromEntries(
        preview(name, id).piiColumns.map(p => [
          p.column,
          p.sources.map(s => `${s.dataset}.${s.column}`),
        ]),
      );

    it('follows pii columns through a Reformat and a Join', () => {
      expect(piiOf('Join-customers-redo', 'customer_orders')).toEqual({
        customer_name: [
          'bronze_customers.first_name',
          'bronze_customers.last_name',
        ],
        email: ['bronze_customers.email'],
        phone: ['bronze_customers.phone'],
      });
    });

    it('does not count a column hidden by a Mask gem, downstream of it', () => {
      const pii = piiOf('Join-customers-redo', 'hash_email');
      expect(Object.keys(pii).sort()).toEqual(['customer_name', 'phone']);
      expect(
        Object.keys(piiOf('Join-customers-redo', 'gold_out')).sort(),
      ).toEqual(['customer_name', 'phone']);
    });

    it('reports no pii without classifications or for aggregates of other columns', () => {
      expect(
        compilePreview(
          pipeline('Join-customers-redo'),
          helloWorld.context,
          'customer_orders',
          { dialect: 'duckdb', tables },
        ).piiColumns,
      ).toEqual([]);
      expect(piiOf('ComputeSales', 'totals')).toEqual({});
    });
  });
});

describe('compilePreview on DuckDB', () => {
  const sorted = chain(
    node('orders', 'Source', { dataset: 'orders' }),
    node('by_amount', 'OrderBy', {
      orderBy: [
        { expression: 'amount', direction: 'desc' },
        { expression: 'order_id' },
      ],
    }),
    node('out', 'Target', { dataset: 'orders', mode: 'overwrite' }),
  );
  const sortedPipeline: PipelineFile = {
    formatVersion: 1,
    name: 'sorted',
    ...sorted,
  } as PipelineFile;

  it('returns the first rows of the full query for an OrderBy node', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run('CREATE SCHEMA bronze');
      // Enough rows for DuckDB to split the sort over several threads.
      await connection.run(`
        CREATE TABLE bronze.orders AS
        SELECT i AS order_id, i % 97 AS customer_id,
               CAST((hash(i) % 100000) / 100.0 AS DECIMAL(10, 2)) AS amount,
               'paid' AS status, DATE '2024-01-01' + (i % 365)::INTEGER AS order_date
        FROM range(300000) t(i)`);
      const compile = (limit?: number) =>
        compilePreview(sortedPipeline, { datasets }, 'by_amount', {
          dialect: 'duckdb',
          tables: name => datasets[name].table,
          limit,
        }).sql!;
      const rows = async (sql: string) =>
        (await connection.runAndReadAll(sql)).getRowsJson();

      const all = await rows(compile());
      const first = await rows(compile(25));
      expect(all).toHaveLength(300000);
      expect(first).toEqual(all.slice(0, 25));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
