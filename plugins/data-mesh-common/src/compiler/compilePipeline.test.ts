/**
 * @jest-environment node
 */
import { Dialect, init, parse } from '@polyglot-sql/sdk';
import type { SqlDialectName } from '../dialect';
import type { PipelineFile } from '../project';
import { node } from './__testUtils__/build';
import {
  LOWERED_CONTEXT,
  LOWERED_PIPELINES,
} from './codegen/__testUtils__/loweredPipelines';
import { compilePipeline } from './compilePipeline';
import { columnLineage } from './lineage';
import { HELLO_WORLD, loadProject } from './lower/__testUtils__/projects';

const helloWorld = loadProject(HELLO_WORLD);
const DIALECTS: SqlDialectName[] = ['spark', 'duckdb'];

describe('compilePipeline', () => {
  beforeAll(() => init());

  it.each(
    Object.keys(helloWorld.pipelines).flatMap(name =>
      DIALECTS.map(dialect => [name, dialect] as const),
    ),
  )('compiles Hello World %s to %s', (name, dialect) => {
    const result = compilePipeline(
      helloWorld.pipelines[name],
      helloWorld.context,
      { dialect, tables: dataset => `main.hello_world.${dataset}` },
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.sql).toContain('main.hello_world.');
    // DuckDB SQL is run by the semantic tests; Spark SQL must at least parse.
    const parsed =
      dialect === 'spark' ? parse(result.sql!, Dialect.Spark) : undefined;
    expect(parsed?.error ?? undefined).toBeUndefined();
  });

  it('returns the propagation of the pipeline as written', () => {
    const result = compilePipeline(
      helloWorld.pipelines.ComputeSales,
      helloWorld.context,
      { dialect: 'spark' },
    );
    expect(result.sql).toContain('enrich__amounts AS (');
    expect(result.propagation.ports.has('enrich')).toBe(true);
    expect(result.propagation.ports.has('enrich__amounts')).toBe(false);
    expect(
      columnLineage(
        result.propagation,
        'enrich',
        'gross_amount',
        'enriched_lines',
      )?.formula,
    ).toBe('quantity * unit_price');
  });

  it('stops at the errors of the pipeline as written, with their paths', () => {
    const pipeline: PipelineFile = {
      ...LOWERED_PIPELINES.business_rule,
      nodes: LOWERED_PIPELINES.business_rule.nodes.map(n =>
        n.id === 'band'
          ? node('band', 'BusinessRule', {
              rule: 'order_band',
              outputColumn: 'band',
              bindings: { amount: 'amount + nope', status: 'status' },
            })
          : n,
      ),
    };
    const result = compilePipeline(pipeline, LOWERED_CONTEXT, {
      dialect: 'duckdb',
    });
    expect(result.sql).toBeUndefined();
    expect(result.diagnostics.map(d => [d.code, d.path])).toEqual([
      ['invalid-expression', ['nodes', 1, 'config', 'bindings', 'amount']],
    ]);
    expect(result.diagnostics[0].expression).toMatchObject({
      line: 1,
      column: 10,
    });
  });

  it('keeps the paths of problems on nodes lowering does not change', () => {
    const pipeline: PipelineFile = {
      ...LOWERED_PIPELINES.subgraph,
      nodes: [
        ...LOWERED_PIPELINES.subgraph.nodes.filter(n => n.id !== 'big'),
        node('big', 'Mask', {
          column: 'label',
          method: 'hash',
          template: { spark: 'md5(label)' },
        }),
      ],
    };
    const result = compilePipeline(pipeline, LOWERED_CONTEXT, {
      dialect: 'spark',
    });
    expect(result.diagnostics.map(d => [d.nodeId, d.path])).toEqual([
      ['big', ['nodes', 6, 'config', 'template', 'spark']],
    ]);
  });
});
