import fs from 'fs';
import path from 'path';
import {
  MANIFEST_SCHEMA_ID,
  MANIFEST_VERSION,
  ManifestDataset,
  ProjectManifest,
  readManifest,
} from '../../manifest';

/** Hello World's manifest as `meshwork compile` wrote it (checked by `compile --check`). */
export function helloWorldManifest(): ProjectManifest {
  const file = path.resolve(
    __dirname,
    '../../../../../examples/hello-world/generated/manifest.json',
  );
  return readManifest(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** A column derived in a pipeline: `column = formula` over `dataset.column` sources. */
export interface DerivedColumn {
  readonly column: string;
  readonly formula: string;
  readonly sources: readonly string[];
}

/** A dataset of {@link financeManifest}-like test projects. */
export interface TestDataset {
  readonly name: string;
  readonly table: string;
  readonly columns: readonly string[];
  /** Written by this pipeline from `upstream`, with these columns derived. */
  readonly writtenBy?: {
    readonly pipeline: string;
    readonly upstream: readonly string[];
    readonly derived: readonly DerivedColumn[];
  };
}

/**
 * A small project manifest: its datasets, the pipelines writing them and
 * one job running every pipeline, as `meshwork compile` would describe it.
 */
export function testManifest(
  project: string,
  datasets: readonly TestDataset[],
  options: { schema?: string } = {},
): ProjectManifest {
  const catalogSchema = options.schema ?? 'main';
  const pipelines = [
    ...new Set(
      datasets.flatMap(d => (d.writtenBy ? [d.writtenBy.pipeline] : [])),
    ),
  ].sort();
  const manifestDatasets: ManifestDataset[] = datasets.map(d => ({
    name: d.name,
    file: `datasets/${d.name}.yaml`,
    table: d.table,
    tables: { prod: `${catalogSchema}.${d.table}` },
    layer: d.writtenBy ? 'gold' : 'bronze',
    visibility: 'published',
    owner: `group:default/${project}-team`,
    contract: { columns: d.columns.map(name => ({ name, type: 'string' })) },
    ...(d.writtenBy && {
      producedBy: {
        pipeline: d.writtenBy.pipeline,
        node: 'out',
        mode: 'overwrite' as const,
      },
    }),
    upstream: [...(d.writtenBy?.upstream ?? [])],
    downstream: datasets
      .filter(other => other.writtenBy?.upstream.includes(d.name))
      .map(other => other.name),
    lineage: (d.writtenBy?.derived ?? []).map(c => ({
      column: c.column,
      formula: c.formula,
      sources: [...c.sources],
      via: [d.writtenBy!.pipeline],
      steps: [],
    })),
  }));
  // Checked as `readManifest` checks a compiled one, so tests build only real shapes.
  return readManifest({
    $schema: MANIFEST_SCHEMA_ID,
    manifestVersion: MANIFEST_VERSION,
    generator: { name: 'meshwork', version: 'test' },
    project: {
      name: project,
      owner: `group:default/${project}-team`,
      domain: project,
      engine: {
        defaultDialect: 'spark',
        targets: {
          prod: { catalog: catalogSchema, schema: project.replace(/-/g, '_') },
        },
      },
    },
    datasets: manifestDatasets,
    pipelines: pipelines.map(name => ({
      name,
      file: `pipelines/${name}.json`,
      inputs: [],
      outputs: [],
      generated: {},
    })),
    jobs: pipelines.length
      ? [
          {
            name: `${project}-daily`,
            file: `jobs/${project}-daily.yaml`,
            bundleKey: `${project.replace(/-/g, '_')}_daily`,
            tasks: pipelines.map(pipeline => ({
              key: pipeline.toLowerCase(),
              bundleKey: pipeline.toLowerCase(),
              pipeline,
              dependsOn: [],
              writes: datasets
                .filter(d => d.writtenBy?.pipeline === pipeline)
                .map(d => d.name),
            })),
            alerts: { onFailure: [], onQualityBreach: [] },
          },
        ]
      : [],
    diagnostics: [],
  });
}

/**
 * A finance project that reads Hello World's `gold.total_sales` (as
 * `sales_totals`) and writes a revenue report from it.
 */
export function financeManifest(): ProjectManifest {
  return testManifest('finance', [
    {
      name: 'sales_totals',
      table: 'gold.total_sales',
      columns: ['currency', 'category', 'net_revenue'],
    },
    {
      name: 'RevenueReport',
      table: 'finance.revenue_report',
      columns: ['currency', 'revenue'],
      writtenBy: {
        pipeline: 'Report',
        upstream: ['sales_totals'],
        derived: [
          {
            column: 'currency',
            formula: 'currency',
            sources: ['sales_totals.currency'],
          },
          {
            column: 'revenue',
            formula: 'sum(net_revenue)',
            sources: ['sales_totals.net_revenue'],
          },
        ],
      },
    },
  ]);
}
