/**
 * @jest-environment node
 */
import { Dialect, init, parse } from '@polyglot-sql/sdk';
import { promises as fs } from 'fs';
import path from 'path';
import type { SqlDialectName } from '../../dialect';
import type { PipelineFile } from '../../project';
import { edge, node } from '../__testUtils__/build';
import { compilePipeline } from '../compilePipeline';
import { propagateSchemas } from '../propagate';
import { generateSql } from './generate';
import {
  LOWERED_CONTEXT,
  LOWERED_PIPELINES,
} from './__testUtils__/loweredPipelines';

const FIXTURES = path.join(__dirname, '__fixtures__');
/** `UPDATE_GOLDEN=1 yarn test …` rewrites the expected files. */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const DIALECTS: SqlDialectName[] = ['spark', 'duckdb'];

function sqlOf(pipeline: PipelineFile, dialect: SqlDialectName): string {
  const result = compilePipeline(pipeline, LOWERED_CONTEXT, { dialect });
  expect(result.diagnostics).toEqual([]);
  return result.sql!;
}

let polyglot: Promise<void> | undefined;
async function sparkParseError(sql: string): Promise<string | undefined> {
  polyglot ??= init();
  await polyglot;
  const result = parse(sql, Dialect.Spark);
  return result.success ? undefined : result.error ?? 'parse failed';
}

describe('golden files of SQL, Mask, BusinessRule, Subgraph and merge', () => {
  for (const [name, pipeline] of Object.entries(LOWERED_PIPELINES)) {
    for (const dialect of DIALECTS) {
      it(`${name} (${dialect})`, async () => {
        const sql = sqlOf(pipeline, dialect);
        const file = path.join(FIXTURES, `${name}.${dialect}.sql`);
        if (UPDATE) await fs.writeFile(file, sql);
        expect(sql).toBe(await fs.readFile(file, 'utf8'));
      });
    }
  }

  it.each(Object.keys(LOWERED_PIPELINES))(
    '%s parses as Spark SQL',
    async name => {
      const sql = sqlOf(LOWERED_PIPELINES[name], 'spark');
      expect(await sparkParseError(sql)).toBeUndefined();
    },
  );
});

describe('generated code of the newer gems', () => {
  it('writes a merge with null-safe key equality per dialect', () => {
    const spark = sqlOf(LOWERED_PIPELINES.merge, 'spark');
    expect(spark).toContain('ON target.order_id <=> source.order_id\n');
    expect(spark).toContain('  AND target.order_date <=> source.order_date\n');
    const duckdb = sqlOf(LOWERED_PIPELINES.merge, 'duckdb');
    expect(duckdb).toContain(
      'ON target.order_id IS NOT DISTINCT FROM source.order_id\n',
    );
    // Keys are matched, never updated.
    expect(duckdb).not.toMatch(/^ {2}order_id = /m);
    expect(duckdb).toMatch(/^ {2}amount = source\.amount,$/m);
    expect(duckdb.split('\n')[1]).toBe(
      '-- One statement per Target (overwrite: CREATE OR REPLACE TABLE … AS; append: INSERT INTO; merge: MERGE INTO);',
    );
  });

  it('merges without an update when every column is a key', () => {
    const pipeline: PipelineFile = {
      formatVersion: 1,
      name: 'keys_only',
      nodes: [
        node('orders', 'Source', { dataset: 'orders' }),
        node('ids', 'Reformat', {
          columns: [{ name: 'order_id', expression: 'order_id' }],
        }),
        node('write', 'Target', {
          table: 'seen',
          mode: 'merge',
          mergeKeys: ['order_id'],
        }),
      ],
      edges: [edge('orders', 'ids'), edge('ids', 'write')],
    };
    const sql = sqlOf(pipeline, 'spark');
    expect(sql).not.toContain('WHEN MATCHED');
    expect(sql).toContain('WHEN NOT MATCHED THEN INSERT (');
  });

  it("replaces a node's template per dialect, keeping other dialects on the default", () => {
    const pipeline = LOWERED_PIPELINES.mask_template;
    expect(sqlOf(pipeline, 'duckdb')).toContain(
      "regexp_replace(status, '[aeiou]', '*', 'g') AS status,",
    );
    const sparkOnly: PipelineFile = {
      ...pipeline,
      nodes: pipeline.nodes.map(n =>
        n.id === 'vowels'
          ? node('vowels', 'Mask', {
              column: 'status',
              method: 'hash',
              template: { spark: 'md5({{column}})' },
            })
          : n,
      ),
    };
    expect(sqlOf(sparkOnly, 'spark')).toContain('md5(status) AS status');
    expect(sqlOf(sparkOnly, 'duckdb')).toContain(
      'sha256(CAST(status AS VARCHAR)) AS status',
    );
  });

  it('lets the platform replace the default templates', () => {
    const pipeline = LOWERED_PIPELINES.mask;
    const { sql, diagnostics } = compilePipeline(pipeline, LOWERED_CONTEXT, {
      dialect: 'spark',
      maskTemplates: { hash: { spark: 'sha2({{column}}, 512)' } },
    });
    expect(diagnostics).toEqual([]);
    expect(sql).toContain('sha2(email, 512) AS email');
    // Methods the platform leaves out keep the default.
    expect(sql).toContain(
      "CASE WHEN name IS NOT NULL THEN '[REDACTED]' END AS name",
    );
  });

  it('quotes the masked column in the template', () => {
    const pipeline: PipelineFile = {
      formatVersion: 1,
      name: 'quoted',
      nodes: [
        node('orders', 'Source', { dataset: 'orders' }),
        node('named', 'Reformat', {
          passThrough: true,
          rename: [{ from: 'status', to: 'order status' }],
          columns: [],
        }),
        node('hidden', 'Mask', { column: 'order status', method: 'hash' }),
        node('write', 'Target', { table: 'result', mode: 'overwrite' }),
      ],
      edges: [
        edge('orders', 'named'),
        edge('named', 'hidden'),
        edge('hidden', 'write'),
      ],
    };
    expect(sqlOf(pipeline, 'spark')).toContain(
      'sha2(CAST(`order status` AS STRING), 256) AS `order status`',
    );
    expect(sqlOf(pipeline, 'duckdb')).toContain(
      'sha256(CAST("order status" AS VARCHAR)) AS "order status"',
    );
  });
});

describe('diagnostics of the newer gems', () => {
  function maskPipeline(config: object): PipelineFile {
    return {
      formatVersion: 1,
      name: 'masked',
      nodes: [
        node('orders', 'Source', { dataset: 'orders' }),
        node('hidden', 'Mask', config as never),
        node('write', 'Target', { table: 'result', mode: 'overwrite' }),
      ],
      edges: [edge('orders', 'hidden'), edge('hidden', 'write')],
    };
  }

  it.each([
    ['does not use {{column}}', "'x'"],
    ['is empty', '  '],
  ])('reports a template that %s', (what, template) => {
    const pipeline = maskPipeline({
      column: 'status',
      method: 'redact',
      template: { duckdb: template },
    });
    const result = compilePipeline(pipeline, LOWERED_CONTEXT, {
      dialect: 'duckdb',
    });
    expect(result.sql).toBeUndefined();
    expect(result.diagnostics.map(d => [d.code, d.path, d.message])).toEqual([
      [
        'not-supported',
        ['nodes', 1, 'config', 'template', 'duckdb'],
        `the template for duckdb ${what}; it must compute the masked value of {{column}}`,
      ],
    ]);
    // The other dialect has no template of its own: the default applies.
    expect(
      compilePipeline(pipeline, LOWERED_CONTEXT, { dialect: 'spark' })
        .diagnostics,
    ).toEqual([]);
  });

  it("reports a platform template without {{column}} on the node's method", () => {
    const result = compilePipeline(
      maskPipeline({ column: 'status', method: 'hash' }),
      LOWERED_CONTEXT,
      { dialect: 'spark', maskTemplates: { hash: { spark: 'sha2(x, 256)' } } },
    );
    expect(result.diagnostics.map(d => [d.path, d.message])).toEqual([
      [
        ['nodes', 1, 'config', 'method'],
        "the platform's hash template for spark does not use {{column}}; it must compute the masked value of {{column}}",
      ],
    ]);
  });

  it('reports a default text template on a column of another type', () => {
    const result = compilePipeline(
      maskPipeline({ column: 'amount', method: 'redact' }),
      LOWERED_CONTEXT,
      { dialect: 'spark' },
    );
    expect(result.diagnostics.map(d => [d.code, d.path])).toEqual([
      ['not-supported', ['nodes', 1, 'config', 'method']],
    ]);
    expect(result.diagnostics[0].message).toContain('is decimal');
  });

  it('refers generation problems inside a subgraph to the Subgraph node', () => {
    const context = {
      ...LOWERED_CONTEXT,
      subgraphs: {
        ...LOWERED_CONTEXT.subgraphs,
        hide: {
          formatVersion: 1 as const,
          name: 'hide',
          inputs: [{ name: 'rows', schema: [] }],
          outputs: [{ name: 'hidden', schema: [] }],
          nodes: [node('mask', 'Mask', { column: 'amount', method: 'redact' })],
          edges: [
            edge('$input', 'mask', 'in', 'rows'),
            edge('mask', '$output', 'hidden'),
          ],
        },
      },
    };
    const pipeline: PipelineFile = {
      formatVersion: 1,
      name: 'hiding',
      nodes: [
        node('orders', 'Source', { dataset: 'orders' }),
        node('hider', 'Subgraph', { subgraph: 'hide' }),
        node('write', 'Target', { table: 'result', mode: 'overwrite' }),
      ],
      edges: [
        edge('orders', 'hider', 'rows'),
        edge('hider', 'write', 'in', 'hidden'),
      ],
    };
    const result = compilePipeline(pipeline, context, { dialect: 'duckdb' });
    expect(result.sql).toBeUndefined();
    expect(result.diagnostics.map(d => [d.nodeId, d.path])).toEqual([
      ['hider', ['nodes', 1]],
    ]);
    expect(result.diagnostics[0].message).toMatch(
      /^in node "mask" of subgraph "hide": the default redact template/,
    );
  });

  it('generateSql alone reports gems that must be lowered first', () => {
    const pipeline = LOWERED_PIPELINES.business_rule;
    const propagation = propagateSchemas(pipeline, LOWERED_CONTEXT);
    expect(propagation.diagnostics).toEqual([]);
    const result = generateSql(pipeline, propagation, { dialect: 'spark' });
    expect(result.sql).toBeUndefined();
    expect(result.diagnostics.map(d => [d.code, d.nodeId])).toEqual([
      ['not-supported', 'band'],
    ]);
  });
});
