import type { MaskTemplates } from '@meshwork/data-mesh-common';

/**
 * The outcome of one pipeline test: `passed` when the node gave the
 * expected rows, `failed` when it gave others (see `diff`), `error` when
 * the test could not run (it does not compile, a column is unknown, the
 * query failed; see `message`).
 *
 * @public
 */
export type PipelineTestStatus = 'passed' | 'failed' | 'error';

/**
 * The result of one test of a `tests/<name>.test.yaml` file.
 *
 * @public
 */
export interface PipelineTestResult {
  /** The test file's path in the project, e.g. `tests/ComputeSales.test.yaml`. */
  readonly file: string;
  /** What the file tests. */
  readonly subjectKind: 'pipeline' | 'subgraph' | 'rule';
  /** The name of the pipeline, subgraph or rule tested. */
  readonly subject: string;
  /** The test's `name`, unique within its file. */
  readonly name: string;
  readonly status: PipelineTestStatus;
  /**
   * For a failed test, the rows that differ, one per line: expected rows
   * not found (`- { … }`) and rows not expected (`+ { … }`).
   */
  readonly diff?: string;
  /** For an error, what went wrong. */
  readonly message?: string;
  /** How long the test took, compiling and running its query. */
  readonly durationMs: number;
}

/**
 * Options of `runPipelineTests`.
 *
 * @public
 */
export interface RunPipelineTestsOptions {
  /**
   * Runs only the tests of this pipeline, subgraph or rule (by name);
   * all tests when absent.
   */
  readonly subject?: string;
  /** The memory the in-memory DuckDB may use per test file; default `512MB`. */
  readonly memoryLimit?: string;
  /**
   * The Mask gems' templates; default those of the project's standards
   * library, else the DuckDB dialect's own.
   */
  readonly maskTemplates?: MaskTemplates;
}
