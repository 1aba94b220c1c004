import type { Schema } from './schema/builder';
import { DatasetFile, datasetFileSchema } from './schema/dataset';
import { JobFile, jobFileSchema } from './schema/job';
import { PipelineFile, pipelineFileSchema } from './schema/pipeline';
import { ProjectFile, projectFileSchema } from './schema/project';
import { RuleFile, ruleFileSchema } from './schema/rule';
import { SubgraphFile, subgraphFileSchema } from './schema/subgraph';
import { TestFile, testFileSchema } from './schema/test';

/**
 * The kinds of file in a data project's repository.
 *
 * @public
 */
export type ProjectFileKind =
  | 'project'
  | 'pipeline'
  | 'subgraph'
  | 'rule'
  | 'dataset'
  | 'job'
  | 'test';

/**
 * The content of each kind of file.
 *
 * @public
 */
export interface ProjectFileContents {
  project: ProjectFile;
  pipeline: PipelineFile;
  subgraph: SubgraphFile;
  rule: RuleFile;
  dataset: DatasetFile;
  job: JobFile;
  test: TestFile;
}

/**
 * The content of a file of kind `K`.
 *
 * @public
 */
export type ProjectFileContent<K extends ProjectFileKind> =
  ProjectFileContents[K];

/**
 * What the format knows about one file kind.
 *
 * @public
 */
export interface FileKindInfo<K extends ProjectFileKind> {
  /** The schema its content is checked against. */
  readonly schema: Schema<ProjectFileContents[K]>;
  /** Where files of this kind live, as a glob relative to the project root. */
  readonly glob: string;
  /** The file name's ending after `<name>`, or the whole name for `project`. */
  readonly suffix: string;
  readonly title: string;
}

/**
 * What the format knows about each file kind.
 *
 * @public
 */
export const projectFileKinds: {
  readonly [K in ProjectFileKind]: FileKindInfo<K>;
} = {
  project: {
    schema: projectFileSchema,
    glob: 'meshwork.yaml',
    suffix: 'meshwork.yaml',
    title: 'Meshwork data project',
  },
  pipeline: {
    schema: pipelineFileSchema,
    glob: 'pipelines/*.pipeline.yaml',
    suffix: '.pipeline.yaml',
    title: 'Meshwork pipeline',
  },
  subgraph: {
    schema: subgraphFileSchema,
    glob: 'subgraphs/*.subgraph.yaml',
    suffix: '.subgraph.yaml',
    title: 'Meshwork subgraph',
  },
  rule: {
    schema: ruleFileSchema,
    glob: 'rules/*.rule.yaml',
    suffix: '.rule.yaml',
    title: 'Meshwork business rule',
  },
  dataset: {
    schema: datasetFileSchema,
    glob: 'datasets/*.dataset.yaml',
    suffix: '.dataset.yaml',
    title: 'Meshwork dataset',
  },
  job: {
    schema: jobFileSchema,
    glob: 'jobs/*.job.yaml',
    suffix: '.job.yaml',
    title: 'Meshwork job',
  },
  test: {
    schema: testFileSchema,
    glob: 'tests/*.test.yaml',
    suffix: '.test.yaml',
    title: 'Meshwork pipeline tests',
  },
};

/**
 * The kind of a file from its path relative to the project root, or
 * `undefined` for files that are not project files.
 *
 * @public
 */
export function projectFileKindOf(path: string): ProjectFileKind | undefined {
  const normalized = path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (normalized === 'meshwork.yaml') return 'project';
  const match = /^([a-z]+)\/[^/]+\.([a-z]+)\.yaml$/.exec(normalized);
  if (!match) return undefined;
  const kind = match[2] as ProjectFileKind;
  return kind !== 'project' &&
    kind in projectFileKinds &&
    match[1] === `${kind}s`
    ? kind
    : undefined;
}

/**
 * The `<name>` part of a project file's name (`orders` for
 * `pipelines/orders.pipeline.yaml`), or `undefined` for `meshwork.yaml`.
 */
export function nameFromFileName(
  kind: ProjectFileKind,
  fileName: string,
): string | undefined {
  if (kind === 'project') return undefined;
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? '';
  const suffix = projectFileKinds[kind].suffix;
  return base.endsWith(suffix) ? base.slice(0, -suffix.length) : undefined;
}
