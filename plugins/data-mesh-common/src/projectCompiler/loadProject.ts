import { didYouMean, unknownReferences } from '../compiler/references';
import type { DatasetSchema, PropagationContext } from '../compiler';
import {
  parseProjectFile,
  PipelineNode,
  ProjectFileParseResult,
  ProjectFileContents,
  ProjectFileKind,
  projectFileKindOf,
  projectFileKinds,
} from '../project';
import { taskParameters } from './jobParameters';
import {
  STANDARDS_REFERENCE_PREFIX,
  StandardsLibrary,
} from '../standards/types';
import { pipelineTestProblems } from './pipelineTests';
import { FilePositions, fileDiagnostic, sortDiagnostics } from './positions';
import type {
  LoadedFile,
  LoadedProject,
  ProjectCompilerDiagnostic,
  ProjectSourceFile,
} from './types';

type NamedKind = Exclude<ProjectFileKind, 'project'>;

/** The folder of each named kind: `pipelines/`, `datasets/`, … */
const KIND_FOLDERS = new Map<string, NamedKind>(
  (Object.keys(projectFileKinds) as ProjectFileKind[])
    .filter((kind): kind is NamedKind => kind !== 'project')
    .map(kind => [`${kind}s`, kind]),
);

function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** A file in a project folder that the format does not recognise. */
function misplacedKind(path: string): NamedKind | undefined {
  const [folder, ...rest] = path.split('/');
  return rest.length === 1 && rest[0].endsWith('.yaml')
    ? KIND_FOLDERS.get(folder)
    : undefined;
}

/**
 * The parse of each project file, kept while the file's text stays the
 * same: an editor checks the whole project on every keystroke in one file,
 * and parsing the unchanged others again was most of that check's time.
 * The parses it hands out are shared, and nothing that reads a loaded
 * project changes them.
 *
 * @public
 */
export class ProjectFileParseCache {
  private readonly parses = new Map<
    string,
    { kind: ProjectFileKind; text: string; result: unknown }
  >();

  /** {@link parseProjectFile}, or the result of the last parse of the same text. */
  parse<K extends ProjectFileKind>(
    kind: K,
    path: string,
    text: string,
  ): ProjectFileParseResult<K> {
    const last = this.parses.get(path);
    if (last && last.kind === kind && last.text === text) {
      return last.result as ProjectFileParseResult<K>;
    }
    const result = parseProjectFile(kind, path, text);
    this.parses.set(path, { kind, text, result });
    return result;
  }
}

/**
 * Options of {@link loadProject}.
 *
 * @public
 */
export interface LoadProjectOptions {
  /** Parses kept from earlier loads of the same project; see {@link ProjectFileParseCache}. */
  readonly parseCache?: ProjectFileParseCache;
  /**
   * The standards library of the version `meshwork.yaml` pins
   * (`standardsVersion`), from `loadStandardsLibrary`: its rules and
   * subgraphs become `standards/<name>`, its functions callable in
   * expressions, its mask templates those of the Mask gem. A library of
   * another version is reported and not used.
   */
  readonly standards?: StandardsLibrary;
  /**
   * The standards versions that exist. When given, a `standardsVersion`
   * not among them is reported on `meshwork.yaml`, listing them.
   */
  readonly knownStandardsVersions?: readonly string[];
}

/**
 * Reads a data project from its files: parses each by kind, indexes them by
 * the name inside, checks what only the whole project can (that datasets,
 * rules, subgraphs and pipelines named in one file exist in another; that
 * two files do not claim one name), and gathers the datasets, rules and
 * subgraphs that schema propagation reads.
 *
 * Files that are not project files (`README.md`, `generated/…`) are
 * ignored. Never throws for bad input: every problem is a diagnostic with
 * the file, line and column.
 *
 * @public
 */
export function loadProject(
  files: readonly ProjectSourceFile[],
  options: LoadProjectOptions = {},
): LoadedProject {
  const diagnostics: ProjectCompilerDiagnostic[] = [];
  const positions = new Map<string, FilePositions>();
  const byKind = {
    pipeline: new Map<string, LoadedFile<ProjectFileContents['pipeline']>>(),
    subgraph: new Map<string, LoadedFile<ProjectFileContents['subgraph']>>(),
    rule: new Map<string, LoadedFile<ProjectFileContents['rule']>>(),
    dataset: new Map<string, LoadedFile<ProjectFileContents['dataset']>>(),
    job: new Map<string, LoadedFile<ProjectFileContents['job']>>(),
    test: new Map<string, LoadedFile<ProjectFileContents['test']>>(),
  };
  let project: LoadedProject['project'];
  let sawProjectFile = false;
  let fileCount = 0;
  // Pipelines that exist but cannot be compiled, by name.
  const brokenPipelines = new Set<string>();

  const sorted = [...files]
    .map(file => ({ path: normalizePath(file.path), text: file.text }))
    .sort((a, b) => (a.path < b.path ? -1 : Number(a.path > b.path)));
  for (const { path, text } of sorted) {
    const kind = projectFileKindOf(path);
    if (!kind) {
      const expected = misplacedKind(path);
      if (expected) {
        diagnostics.push(
          fileDiagnostic(path, {
            code: 'unknown-file',
            severity: 'warning',
            message: `not read: files in ${
              path.split('/')[0]
            }/ must be named <name>${projectFileKinds[expected].suffix}`,
          }),
        );
      }
      continue;
    }
    fileCount++;
    const here = new FilePositions(path, text);
    positions.set(path, here);
    const result = options.parseCache
      ? options.parseCache.parse(kind, path, text)
      : parseProjectFile(kind, path, text);
    diagnostics.push(...result.diagnostics);
    if (kind === 'project') {
      sawProjectFile = true;
      if (result.value) {
        project = {
          path,
          text,
          value: result.value as ProjectFileContents['project'],
        };
      }
      continue;
    }
    const name =
      (result.value as { name?: string } | undefined)?.name ??
      path.split('/').pop()!.slice(0, -projectFileKinds[kind].suffix.length);
    const known = byKind[kind] as Map<string, LoadedFile<unknown>>;
    const earlier = known.get(name);
    if (earlier) {
      diagnostics.push(
        here.diagnostic({
          path: ['name'],
          code: 'duplicate-name',
          message: `${kind} "${name}" is already defined in ${earlier.path}`,
        }),
      );
      continue;
    }
    if (result.value) {
      known.set(name, { path, text, value: result.value });
    } else if (kind === 'pipeline') {
      brokenPipelines.add(name);
    }
  }
  if (!sawProjectFile) {
    diagnostics.push(
      fileDiagnostic('meshwork.yaml', {
        code: 'missing-file',
        message:
          'a data project needs a meshwork.yaml at its root (name, owner, domain, engine)',
      }),
    );
  }

  const datasets: Record<string, DatasetSchema> = {};
  for (const [name, { value }] of byKind.dataset) {
    datasets[name] = {
      table: value.table,
      visibility: value.visibility,
      columns: value.contract.columns.map(c => ({
        name: c.name,
        type: c.type,
      })),
    };
  }
  const standards = projectStandards(project, options, diagnostics);
  const prefixed = <T>(library: Readonly<Record<string, T>> | undefined) =>
    Object.entries(library ?? {}).map(
      ([name, value]) =>
        [`${STANDARDS_REFERENCE_PREFIX}${name}`, value] as const,
    );
  const context: PropagationContext = {
    datasets,
    rules: Object.fromEntries([
      ...[...byKind.rule].map(([name, file]) => [name, file.value] as const),
      ...prefixed(standards?.rules),
    ]),
    subgraphs: Object.fromEntries([
      ...[...byKind.subgraph].map(
        ([name, file]) => [name, file.value] as const,
      ),
      ...prefixed(standards?.subgraphs),
    ]),
    ...(standards && {
      functions: standards.catalogue,
      standardFunctions: new Map(standards.functions.map(f => [f.name, f])),
    }),
  };

  const names = {
    datasets: [...byKind.dataset.keys()],
    rules: Object.keys(context.rules!),
    subgraphs: Object.keys(context.subgraphs!),
  };
  /** Whether every dataset, rule and subgraph the gems of a graph name exists. */
  const checkNodes = (
    file: LoadedFile<{ nodes: readonly PipelineNode[] }>,
  ): boolean => {
    const unknown = unknownReferences(file.value.nodes, names);
    for (const { path, message } of unknown) {
      diagnostics.push(
        positions.get(file.path)!.diagnostic({
          path,
          message,
          code: 'unknown-reference',
        }),
      );
    }
    return unknown.length === 0;
  };

  const brokenSubgraphs = new Set<string>();
  for (const [name, file] of byKind.subgraph) {
    if (!checkNodes(file)) brokenSubgraphs.add(name);
  }
  for (const [name, file] of byKind.pipeline) {
    const usesBroken = file.value.nodes.some(
      node =>
        node.type === 'Subgraph' && brokenSubgraphs.has(node.config.subgraph),
    );
    if (!checkNodes(file) || usesBroken) brokenPipelines.add(name);
  }

  // Which pipeline writes each dataset: two writers race each other.
  const writers = new Map<string, string>();
  for (const [name, file] of byKind.pipeline) {
    file.value.nodes.forEach((node, index) => {
      if (node.type !== 'Target' || node.config.dataset === undefined) return;
      const dataset = node.config.dataset;
      const writer = writers.get(dataset);
      if (writer !== undefined && writer !== name) {
        diagnostics.push(
          positions.get(file.path)!.diagnostic({
            path: ['nodes', index, 'config', 'dataset'],
            code: 'duplicate-name',
            severity: 'warning',
            message: `dataset "${dataset}" is also written by pipeline "${writer}"; the last run wins`,
          }),
        );
      } else {
        writers.set(dataset, name);
      }
    });
  }

  for (const file of byKind.job.values()) {
    file.value.tasks.forEach((task, index) => {
      const pipeline = byKind.pipeline.get(task.pipeline)?.value;
      if (pipeline) {
        for (const { path, message } of taskParameters(
          file.value,
          index,
          pipeline,
        ).problems) {
          diagnostics.push(
            positions.get(file.path)!.diagnostic({
              path,
              message,
              code: 'invalid-parameter',
            }),
          );
        }
      }
      if (
        !byKind.pipeline.has(task.pipeline) &&
        !brokenPipelines.has(task.pipeline)
      ) {
        diagnostics.push(
          positions.get(file.path)!.diagnostic({
            path: ['tasks', index, 'pipeline'],
            code: 'unknown-reference',
            message: `no pipeline "${task.pipeline}" in the project${didYouMean(
              task.pipeline,
              [...byKind.pipeline.keys(), ...brokenPipelines],
            )}`,
          }),
        );
      }
    });
  }

  for (const file of byKind.test.values()) {
    const problems = pipelineTestProblems(file.value, {
      pipelines: byKind.pipeline,
      subgraphs: byKind.subgraph,
      rules: byKind.rule,
      context,
      brokenPipelines,
    });
    for (const problem of problems) {
      diagnostics.push(positions.get(file.path)!.diagnostic(problem));
    }
  }

  return {
    project,
    ...(standards && { standards }),
    pipelines: byKind.pipeline,
    subgraphs: byKind.subgraph,
    rules: byKind.rule,
    datasets: byKind.dataset,
    jobs: byKind.job,
    tests: byKind.test,
    context,
    brokenPipelines,
    fileCount,
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/**
 * The standards library the project gets: the one given, when it is the
 * version `meshwork.yaml` pins. Reports a pinned version that does not
 * exist, and a library given for another version.
 */
function projectStandards(
  project: LoadedProject['project'],
  options: LoadProjectOptions,
  diagnostics: ProjectCompilerDiagnostic[],
): StandardsLibrary | undefined {
  const pinned = project?.value.standardsVersion;
  if (!project || pinned === undefined) return undefined;
  const here = new FilePositions(project.path, project.text);
  const known = options.knownStandardsVersions;
  if (known && !known.includes(pinned)) {
    diagnostics.push(
      here.diagnostic({
        path: ['standardsVersion'],
        code: 'unknown-reference',
        message: `no standards version "${pinned}"; known versions: ${
          known.length ? known.join(', ') : 'none'
        }`,
      }),
    );
    return undefined;
  }
  const { standards } = options;
  if (standards && standards.version !== pinned) {
    diagnostics.push(
      here.diagnostic({
        path: ['standardsVersion'],
        code: 'unknown-reference',
        message: `the project pins standards "${pinned}", but standards "${standards.version}" were loaded`,
      }),
    );
    return undefined;
  }
  return standards;
}
