import { bundleJobKeys, bundleTaskKeys, orderTasks } from '../bundle';
import { findSourceDataset } from '../compiler/gems/source';
import {
  MANIFEST_SCHEMA_ID,
  MANIFEST_VERSION,
  ManifestDataset,
  ManifestDatasetDeclaration,
  ManifestJob,
  ManifestPipeline,
  ProjectManifest,
} from '../manifest';
import { projectManifestSchema } from '../manifest/schema';
import type { JobFile, PipelineFile } from '../project';
import { version } from '../../package.json';
import {
  bundledJobs,
  generatedPythonPath,
  generatedSqlPath,
} from './bundleInput';
import type { DatasetLineage, ProjectLineage } from './projectLineage';
import { datasetManifest } from './datasetManifest';
import { taskParameterArguments, taskParameters } from './jobParameters';
import { pipelineTargets } from './targets';
import type {
  LoadedFile,
  LoadedProject,
  ProjectCompilerDiagnostic,
} from './types';

/** What {@link projectManifest} describes. */
export interface ProjectManifestInput {
  readonly loaded: LoadedProject;
  readonly lineage: ProjectLineage;
  /** The paths of the files the compiler generated. */
  readonly generated: ReadonlySet<string>;
  readonly diagnostics: readonly ProjectCompilerDiagnostic[];
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
function compare(a: string, b: string): number {
  return a < b ? -1 : Number(a > b);
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compare);
}

function byName<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map].sort((a, b) => compare(a[0], b[0])).map(([, v]) => v);
}

/** The Target that writes each dataset: the first in pipeline name, then node, order. */
function datasetProducers(
  pipelines: readonly LoadedFile<PipelineFile>[],
): Map<string, NonNullable<ManifestDataset['producedBy']>> {
  const producers = new Map<
    string,
    NonNullable<ManifestDataset['producedBy']>
  >();
  for (const { value: pipeline } of pipelines) {
    for (const node of pipeline.nodes) {
      if (node.type !== 'Target' || node.config.dataset === undefined) continue;
      if (producers.has(node.config.dataset)) continue;
      producers.set(node.config.dataset, {
        pipeline: pipeline.name,
        node: node.id,
        mode: node.config.mode,
      });
    }
  }
  return producers;
}

/** A dataset's declaration with what the compiler derived about it. */
function manifestDataset(
  declared: ManifestDatasetDeclaration,
  lineage: DatasetLineage | undefined,
  edges: ProjectLineage['edges'],
  producedBy: ManifestDataset['producedBy'],
): ManifestDataset {
  return {
    ...declared,
    producedBy,
    upstream: sortedUnique(
      edges.filter(e => e.to === declared.name).map(e => e.from),
    ),
    downstream: sortedUnique(
      edges.filter(e => e.from === declared.name).map(e => e.to),
    ),
    lineage: (lineage?.columns ?? []).map(column => ({
      column: column.column,
      formula: column.formula,
      sources: sortedUnique(
        column.sources.map(source => `${source.dataset}.${source.column}`),
      ),
      via: [...column.via],
      steps: column.steps.map(step => ({ ...step })),
      ...(column.opaque && { opaque: true }),
    })),
  };
}

function manifestPipeline(
  file: LoadedFile<PipelineFile>,
  loaded: LoadedProject,
  generated: ReadonlySet<string>,
): ManifestPipeline {
  const pipeline = file.value;
  const nodes = [...pipeline.nodes].sort((a, b) => compare(a.id, b.id));
  const inputs: ManifestPipeline['inputs'] = [];
  const outputs: ManifestPipeline['outputs'] = [];
  // A Source or Target names a table, or a dataset whose table it is.
  const tableOf = (config: { dataset?: string; table?: string }) =>
    config.table ??
    (config.dataset !== undefined
      ? loaded.datasets.get(config.dataset)?.value.table
      : undefined);
  for (const node of nodes) {
    if (node.type === 'Source') {
      inputs.push({
        node: node.id,
        // For a table read by name: the dataset describing it, as
        // propagation finds it.
        dataset:
          node.config.dataset ??
          findSourceDataset(loaded.context.datasets, node.config)?.[0],
        table: tableOf(node.config),
      });
    } else if (node.type === 'Target') {
      const { dataset, mode, mergeKeys } = node.config;
      outputs.push({
        node: node.id,
        dataset,
        table: tableOf(node.config),
        mode,
        mergeKeys,
      });
    }
  }
  const sql = generatedSqlPath(pipeline.name);
  const python = generatedPythonPath(pipeline.name);
  return {
    name: pipeline.name,
    file: file.path,
    description: pipeline.description,
    ...(pipeline.parameters?.length && { parameters: pipeline.parameters }),
    inputs,
    outputs,
    generated: {
      ...(generated.has(sql) && { sql }),
      ...(generated.has(python) && { python }),
    },
  };
}

function manifestJob(
  file: LoadedFile<JobFile>,
  bundleKey: string,
  writes: (pipeline: string) => string[],
  pipelines: (name: string) => PipelineFile | undefined,
): ManifestJob {
  const job = file.value;
  const taskKeys = bundleTaskKeys(job.tasks.map(task => task.key));
  const { ordered } = orderTasks(
    job.tasks.map((task, index) => ({
      key: task.key,
      bundleKey: taskKeys[index],
      pipeline: task.pipeline,
      dependsOn: task.dependsOn ?? [],
    })),
  );
  return {
    name: job.name,
    file: file.path,
    description: job.description,
    bundleKey,
    schedule: job.schedule && {
      cron: job.schedule.cron,
      timezone: job.schedule.timezone,
      paused: job.schedule.paused ?? false,
    },
    parameters: job.parameters,
    tasks: ordered.map(task => {
      const pipeline = pipelines(task.pipeline);
      const index = job.tasks.findIndex(t => t.key === task.key);
      const values = pipeline
        ? taskParameters(job, index, pipeline).values
        : [];
      return {
        ...task,
        dependsOn: [...task.dependsOn],
        writes: writes(task.pipeline),
        ...(values.length && { parameters: taskParameterArguments(values) }),
      };
    }),
    alerts: {
      onFailure: job.alerts?.onFailure ?? [],
      onQualityBreach: job.alerts?.onQualityBreach ?? [],
    },
    retries: job.retries,
    timeoutSeconds: job.timeoutSeconds,
    tags: job.tags,
  };
}

/**
 * The manifest of a loaded project: every dataset, pipeline and job file
 * that parsed, sorted by name, with what the compiler derived (lineage,
 * producers, run order, bundle keys, generated files) and its diagnostics.
 * Deterministic: nothing in it depends on time, machine or input order.
 */
export function projectManifest(input: ProjectManifestInput): ProjectManifest {
  const { loaded, lineage, generated, diagnostics } = input;
  const declared = datasetManifest(loaded);
  const pipelines = byName(loaded.pipelines);
  const producers = datasetProducers(pipelines);
  const lineageOf = new Map(lineage.datasets.map(d => [d.dataset, d]));

  const datasetsWritten = (pipeline: string) =>
    sortedUnique(
      pipelineTargets(loaded, pipeline).flatMap(target =>
        target.dataset !== undefined ? [target.dataset] : [],
      ),
    );
  const jobs = bundledJobs(loaded);
  const jobKeys = bundleJobKeys(jobs.map(job => job.value.name));
  const manifestJobs = jobs
    .map((job, index) =>
      manifestJob(
        job,
        jobKeys[index],
        datasetsWritten,
        name => loaded.pipelines.get(name)?.value,
      ),
    )
    .sort((a, b) => compare(a.name, b.name));

  // Canonical: keys in the schema's order, absent optional fields left out.
  return projectManifestSchema.canonicalize({
    $schema: MANIFEST_SCHEMA_ID,
    manifestVersion: MANIFEST_VERSION,
    generator: { name: 'meshwork', version },
    project: declared.project,
    datasets: declared.datasets.map(dataset =>
      manifestDataset(
        dataset,
        lineageOf.get(dataset.name),
        lineage.edges,
        producers.get(dataset.name),
      ),
    ),
    pipelines: pipelines.map(file => manifestPipeline(file, loaded, generated)),
    jobs: manifestJobs,
    diagnostics: diagnostics.map(d => ({
      file: d.file,
      line: d.line,
      column: d.column,
      severity: d.severity,
      code: d.code,
      message: d.message,
    })),
  });
}
