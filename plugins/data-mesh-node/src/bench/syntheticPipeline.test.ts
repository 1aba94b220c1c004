import {
  generateSql,
  parseProjectFile,
  propagateSchemas,
  serializeProjectFile,
} from '@meshwork/data-mesh-common';
import { syntheticPipeline } from './syntheticPipeline';

describe('syntheticPipeline', () => {
  it('has at least the requested number of gems and compiles without problems', () => {
    const { pipeline, context } = syntheticPipeline(500);
    expect(pipeline.nodes.length).toBeGreaterThanOrEqual(500);
    expect(pipeline.nodes.length).toBeLessThan(510);

    const propagation = propagateSchemas(pipeline, context);
    expect(propagation.diagnostics).toEqual([]);
    const sql = generateSql(pipeline, propagation, { dialect: 'duckdb' });
    expect(sql.diagnostics).toEqual([]);
    expect(sql.sql).toMatch(/^dedupe_99 AS \(/m);
  });

  it('round-trips through the pipeline file format', () => {
    const { pipeline } = syntheticPipeline(60);
    const text = serializeProjectFile('pipeline', pipeline);
    const parsed = parseProjectFile(
      'pipeline',
      `pipelines/${pipeline.name}.pipeline.yaml`,
      text,
    );
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toEqual(pipeline);
  });
});
