import type { BundleDiagnosticCode } from '../bundle';
import type { CompilerDiagnosticCode, PropagationContext } from '../compiler';
import type {
  DatasetFile,
  JobFile,
  PipelineFile,
  ProjectDiagnostic,
  ProjectDiagnosticCode,
  ProjectFile,
  RuleFile,
  SubgraphFile,
  TestFile,
} from '../project';
import type { StandardsLibrary } from '../standards/types';

/**
 * One file of a data project, as read from its repository: `path` relative
 * to the project root with `/` separators (`pipelines/orders.pipeline.yaml`).
 *
 * @public
 */
export interface ProjectSourceFile {
  readonly path: string;
  readonly text: string;
}

/**
 * One file the project compiler writes, relative to the project root.
 *
 * @public
 */
export interface GeneratedProjectFile {
  readonly path: string;
  readonly content: string;
}

/**
 * The kinds of problem a {@link ProjectCompilerDiagnostic} reports: those of
 * a single file's parser, of the pipeline compiler and of the bundle
 * generator, plus the project-level ones.
 *
 * @public
 */
export type ProjectCompilerDiagnosticCode =
  | ProjectDiagnosticCode
  | CompilerDiagnosticCode
  | BundleDiagnosticCode
  /** `meshwork.yaml` is missing. */
  | 'missing-file'
  /** Two files of one kind declare the same name. */
  | 'duplicate-name'
  /** A file in a project folder that is not a project file (wrong suffix). */
  | 'unknown-file'
  /** A dataset, rule, subgraph or pipeline named in another file does not exist. */
  | 'unknown-reference';

/**
 * A problem anywhere in a data project, at a line and column of one of its
 * files, whatever stage found it (parsing, cross-file checks, schema
 * propagation, code generation, the bundle).
 *
 * @public
 */
export interface ProjectCompilerDiagnostic
  extends Omit<ProjectDiagnostic, 'code'> {
  readonly code: ProjectCompilerDiagnosticCode;
}

/**
 * A project file that parsed, with its content.
 *
 * @public
 */
export interface LoadedFile<T> {
  /** The file's path relative to the project root. */
  readonly path: string;
  readonly text: string;
  readonly value: T;
}

/**
 * A data project with its files parsed and cross-checked: every file that
 * parsed without errors, by the `name` inside it, plus what the pipeline
 * compiler needs to know about the other files.
 *
 * @public
 */
export interface LoadedProject {
  /** `meshwork.yaml`, absent when it is missing or has errors. */
  readonly project?: LoadedFile<ProjectFile>;
  /**
   * The standards library of the version `meshwork.yaml` pins, when it
   * was given to `loadProject` (`LoadProjectOptions.standards`).
   */
  readonly standards?: StandardsLibrary;
  readonly pipelines: ReadonlyMap<string, LoadedFile<PipelineFile>>;
  readonly subgraphs: ReadonlyMap<string, LoadedFile<SubgraphFile>>;
  readonly rules: ReadonlyMap<string, LoadedFile<RuleFile>>;
  readonly datasets: ReadonlyMap<string, LoadedFile<DatasetFile>>;
  readonly jobs: ReadonlyMap<string, LoadedFile<JobFile>>;
  /** Pipeline test files (`tests/<name>.test.yaml`), by name. */
  readonly tests: ReadonlyMap<string, LoadedFile<TestFile>>;
  /** Datasets (table and contract columns), rules and subgraphs by name. */
  readonly context: PropagationContext;
  /**
   * Pipelines whose own file or references have errors: the compiler
   * skips them rather than report the same problem again.
   */
  readonly brokenPipelines: ReadonlySet<string>;
  /** How many project files were read. */
  readonly fileCount: number;
  /** Every problem found, sorted by file, line and column. */
  readonly diagnostics: readonly ProjectCompilerDiagnostic[];
}
