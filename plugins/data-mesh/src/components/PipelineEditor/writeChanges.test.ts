import fs from 'node:fs';
import path from 'node:path';
import { parseProjectFile } from '@meshwork/data-mesh-common';
import { runningPipeline, writeChanges } from './writeChanges';

const TEXT = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../../../examples/hello-world/pipelines/ComputeSales.pipeline.yaml',
  ),
  'utf8',
);
const parsed = (text: string) =>
  parseProjectFile('pipeline', 'p.yaml', text).value!;

describe('writeChanges', () => {
  it('finds nothing when the pipeline writes what it wrote', () => {
    expect(writeChanges(runningPipeline(TEXT), parsed(TEXT))).toEqual([]);
  });

  it('names a dataset no longer written and a changed write mode', () => {
    const draft = parsed(TEXT);
    const changed = {
      ...draft,
      nodes: draft.nodes
        .filter(n => n.id !== 'sales_lines_out')
        .map(n =>
          n.type === 'Target' && n.config.dataset === 'TotalSales'
            ? { ...n, config: { ...n.config, mode: 'append' as const } }
            : n,
        ),
      edges: draft.edges.filter(e => e.to.node !== 'sales_lines_out'),
    };
    expect(writeChanges(runningPipeline(TEXT), changed)).toEqual([
      {
        dataset: 'silver_sales_lines',
        description:
          'silver_sales_lines is no longer written by this pipeline, so it goes stale',
      },
      {
        dataset: 'TotalSales',
        description:
          'TotalSales is written with mode append instead of overwrite',
      },
    ]);
  });

  it('has nothing to compare for a new pipeline or a broken draft', () => {
    expect(writeChanges(runningPipeline(null), parsed(TEXT))).toEqual([]);
    expect(writeChanges(runningPipeline(TEXT), undefined)).toEqual([]);
  });
});
