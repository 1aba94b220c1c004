/*
 * `yarn bench:lineage`: the p95 latency of the lineage and column impact
 * API over a generated graph of 10,000 datasets and 50,000 dataset edges
 * (goal: under 50 ms each).
 *
 * The graph is deterministic (a seeded generator): 100 data projects of
 * 100 datasets with 8 columns each, in three tiers; each project has 10
 * source tables, 40 silver datasets reading its sources, 40 gold datasets
 * reading silver and 10 marts reading gold, every written column derived
 * from two columns upstream. In tiers 1 and 2, five of a project's source
 * tables are gold tables of projects of the tier before, so lineage and
 * impact cross projects as they do in a data mesh. Upstream counts are
 * spread so that the dataset edges total exactly 50,000.
 *
 * The requests go over HTTP to the real lineage router in-process (the
 * contract's request validation, permission checks on every project, the
 * handlers and JSON), with a project directory stub that serves the
 * generated manifests. Queries pick datasets and columns at random
 * (seeded) among all of them, after a warm-up. A benchmark, not a test:
 * it prints what it measures and exits 0 unless something fails to run
 * (`--check` makes a missed goal exit 1).
 */

import {
  LineageGraph,
  MANIFEST_SCHEMA_ID,
  MANIFEST_VERSION,
  ManifestDataset,
  ProjectManifest,
  readManifest,
} from '@meshwork/data-mesh-common';
import type { ProjectSource } from '@meshwork/data-mesh-node';
import { AddressInfo } from 'node:net';
import {
  lineageApp,
  userHeader,
} from '../src/service/__testUtils__/lineageApp';
import type { CompiledProject } from '../src/service/projects/compiledProjects';
import { ProjectRepository } from '../src/service/projects/ProjectRepository';

export const LINEAGE_BENCH_GOAL_MS = 50;
const PROJECTS = 100;
const DATASETS_PER_PROJECT = 100;
const COLUMNS = 8;
const EDGES = 50_000;
const TIERS = 3;
const CROSS_PROJECT_SOURCES = 5;
const WARMUP = 20;
const QUERIES = 300;
const USER = 'user:default/bench';

/** Mulberry32: a small seeded generator, so every run builds the same graph. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const projectName = (p: number) => `project-${String(p).padStart(3, '0')}`;
const datasetName = (d: number) => `ds_${String(d).padStart(3, '0')}`;
const tableOf = (p: number, d: number) => `p${p}.t${d}`;
const columns = Array.from({ length: COLUMNS }, (_, i) => `col_${i}`);
const tierOf = (p: number) => Math.floor((p * TIERS) / PROJECTS);

/** The layer of a dataset: 10 sources, 40 silver, then gold and marts. */
function layerOf(d: number): 'bronze' | 'silver' | 'gold' {
  if (d < 10) return 'bronze';
  return d < 50 ? 'silver' : 'gold';
}

/** Which datasets a written dataset reads: the layer below. */
function layerBelow(d: number): [number, number] {
  if (d < 50) return [0, 10];
  if (d < 90) return [10, 50];
  return [50, 90];
}

/** The generated manifests, valid as `readManifest` checks compiled ones. */
export function generateLineageManifests(): ProjectManifest[] {
  const next = random(11);
  const pick = (from: number, to: number) =>
    from + Math.floor(next() * (to - from));
  const manifests: ProjectManifest[] = [];
  const written = DATASETS_PER_PROJECT - 10;
  for (let p = 0; p < PROJECTS; p++) {
    const tierBefore = Array.from({ length: PROJECTS }, (_, q) => q).filter(
      q => tierOf(q) === tierOf(p) - 1,
    );
    const cross = tierBefore.length ? CROSS_PROJECT_SOURCES : 0;
    // Spread the rest of this project's share of the edges over its
    // written datasets: `extra` of them read one dataset more.
    const share = EDGES / PROJECTS - cross;
    const base = Math.floor(share / written);
    const extra = share - base * written;
    const datasets: ManifestDataset[] = [];
    for (let d = 0; d < DATASETS_PER_PROJECT; d++) {
      const name = datasetName(d);
      let table = tableOf(p, d);
      if (d < cross) {
        table = tableOf(tierBefore[pick(0, tierBefore.length)], pick(50, 90));
      }
      const dataset: ManifestDataset = {
        name,
        file: `datasets/${name}.dataset.yaml`,
        table,
        tables: { prod: `main.${table}` },
        layer: layerOf(d),
        visibility: 'published',
        owner: `group:default/team-${p}`,
        contract: { columns: columns.map(c => ({ name: c, type: 'bigint' })) },
        upstream: [],
        downstream: [],
        lineage: [],
      };
      if (d >= 10) {
        const [from, to] = layerBelow(d);
        const count = base + (d - 10 < extra ? 1 : 0);
        const upstream = new Set<number>();
        while (upstream.size < Math.min(count, to - from)) {
          upstream.add(pick(from, to));
        }
        const reads = [...upstream].sort((a, b) => a - b);
        const pipeline = `pipeline_${Math.floor(d / 10)}`;
        dataset.producedBy = { pipeline, node: 'out', mode: 'overwrite' };
        dataset.upstream = reads.map(datasetName);
        dataset.lineage = columns.map((column, i) => {
          const a = reads[pick(0, reads.length)];
          const b = reads[pick(0, reads.length)];
          const other = columns[(i + 3) % COLUMNS];
          return {
            column,
            formula: `${column} + ${other}`,
            sources: [
              ...new Set([
                `${datasetName(a)}.${column}`,
                `${datasetName(b)}.${other}`,
              ]),
            ],
            via: [pipeline],
            steps: [],
          };
        });
      }
      datasets.push(dataset);
    }
    const pipelines = [
      ...new Set(datasets.flatMap(d => d.producedBy?.pipeline ?? [])),
    ];
    manifests.push(
      readManifest({
        $schema: MANIFEST_SCHEMA_ID,
        manifestVersion: MANIFEST_VERSION,
        generator: { name: 'meshwork', version: 'bench' },
        project: {
          name: projectName(p),
          owner: `group:default/team-${p}`,
          domain: `domain-${tierOf(p)}`,
          engine: {
            defaultDialect: 'spark',
            targets: { prod: { catalog: 'main', schema: `p${p}` } },
          },
        },
        datasets,
        pipelines: pipelines.map(name => ({
          name,
          file: `pipelines/${name}.json`,
          inputs: [],
          outputs: [],
          generated: {},
        })),
        jobs: [
          {
            name: 'daily',
            file: 'jobs/daily.job.yaml',
            bundleKey: 'daily',
            tasks: pipelines.map(pipeline => ({
              key: pipeline,
              bundleKey: pipeline,
              pipeline,
              dependsOn: [],
              writes: datasets
                .filter(d => d.producedBy?.pipeline === pipeline)
                .map(d => d.name),
            })),
            alerts: { onFailure: [], onQualityBreach: [] },
          },
        ],
        diagnostics: [],
      }),
    );
  }
  return manifests;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
}

/** A project whose only file is its `meshwork.yaml`: enough for its owners. */
function stubSource(name: string, owner: string): ProjectSource {
  const files = [
    {
      path: 'meshwork.yaml',
      text: `name: ${name}\nowner: ${owner}\ndomain: bench\n`,
    },
  ];
  return {
    location: `memory:${name}`,
    read: async () => ({ files, etag: name }),
  };
}

export interface LineageBenchResult {
  readonly datasets: number;
  readonly datasetEdges: number;
  readonly columnEdges: number;
  readonly buildMs: number;
  readonly lineageP95Ms: number;
  readonly impactP95Ms: number;
  readonly goalMs: number;
}

/** Runs the bench and prints what it measures. */
export async function runLineageBench(): Promise<LineageBenchResult> {
  const manifests = generateLineageManifests();
  const compiled: CompiledProject[] = manifests.map(manifest => ({
    name: manifest.project!.name,
    namespace: 'default',
    manifest,
  }));
  const sources = compiled.map(p => ({
    name: p.name,
    source: stubSource(p.name, p.manifest.project!.owner),
  }));
  const projects = new ProjectRepository({
    list: async () => sources,
    find: async name => sources.find(s => s.name === name),
  });
  const app = await lineageApp({
    projects,
    compiledProjects: { list: async () => compiled },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise(done => server.once('listening', done));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api/data-mesh/projects`;
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, {
      headers: { authorization: userHeader(USER) },
    });
    const body = await res.json();
    if (res.status !== 200) {
      throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    }
    return body;
  };

  try {
    const next = random(7);
    const anyDataset = (datasets = DATASETS_PER_PROJECT) =>
      `${projectName(Math.floor(next() * PROJECTS))}/datasets/${datasetName(
        Math.floor(next() * datasets),
      )}`;
    const lineagePath = () => `/${anyDataset()}/lineage`;
    const impactPath = (datasets?: number) => () =>
      `/${anyDataset(datasets)}/columns/${
        columns[Math.floor(next() * COLUMNS)]
      }/impact`;

    let start = performance.now();
    const first = await get(lineagePath());
    const buildMs = performance.now() - start;
    if (first.nodes.length === 0) throw new Error('an empty lineage graph');

    const measure = async (path: () => string) => {
      for (let i = 0; i < WARMUP; i++) await get(path());
      const times: number[] = [];
      const sizes: number[] = [];
      for (let i = 0; i < QUERIES; i++) {
        start = performance.now();
        const body = await get(path());
        times.push(performance.now() - start);
        sizes.push(body.nodes?.length ?? body.columns.length);
      }
      return { times, sizes };
    };
    const lineage = await measure(lineagePath);
    const impact = await measure(impactPath());
    // The widest impacts: columns of source tables, read by every layer.
    const sourceImpact = await measure(impactPath(10));

    const size = LineageGraph.build(compiled).size;
    const result: LineageBenchResult = {
      datasets: size.datasets,
      datasetEdges: size.datasetEdges,
      columnEdges: size.columnEdges,
      buildMs,
      lineageP95Ms: percentile(lineage.times, 0.95),
      impactP95Ms: Math.max(
        percentile(impact.times, 0.95),
        percentile(sourceImpact.times, 0.95),
      ),
      goalMs: LINEAGE_BENCH_GOAL_MS,
    };
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const verdict = (value: number) =>
      value < LINEAGE_BENCH_GOAL_MS ? 'meets' : 'MISSES';
    console.log(
      `Lineage graph: ${size.datasets} datasets, ${size.datasetEdges} dataset edges, ${size.columns} columns, ${size.columnEdges} column edges, ${size.pipelines} pipelines, ${size.jobs} jobs in ${PROJECTS} projects`,
    );
    console.log(
      `First request (compile-free graph build + answer): ${ms(buildMs)}`,
    );
    console.log(
      `GET …/lineage (depth 3), ${QUERIES} random datasets: p50 ${ms(
        percentile(lineage.times, 0.5),
      )}, p95 ${ms(
        result.lineageP95Ms,
      )} (goal < ${LINEAGE_BENCH_GOAL_MS} ms: ${verdict(
        result.lineageP95Ms,
      )}); nodes per answer p50 ${percentile(
        lineage.sizes,
        0.5,
      )}, max ${Math.max(...lineage.sizes)}`,
    );
    const reportImpact = (what: string, run: typeof impact) => {
      const p95 = percentile(run.times, 0.95);
      console.log(
        `GET …/columns/:column/impact, ${QUERIES} ${what}: p50 ${ms(
          percentile(run.times, 0.5),
        )}, p95 ${ms(p95)} (goal < ${LINEAGE_BENCH_GOAL_MS} ms: ${verdict(
          p95,
        )}); impacted columns p50 ${percentile(run.sizes, 0.5)}, max ${Math.max(
          ...run.sizes,
        )}`,
      );
    };
    reportImpact('random columns', impact);
    reportImpact('random source-table columns', sourceImpact);
    return result;
  } finally {
    server.close();
  }
}

if (require.main === module) {
  runLineageBench().then(
    result => {
      const missed =
        result.lineageP95Ms >= result.goalMs ||
        result.impactP95Ms >= result.goalMs;
      process.exit(missed && process.argv.includes('--check') ? 1 : 0);
    },
    error => {
      console.error(error);
      process.exit(1);
    },
  );
}
