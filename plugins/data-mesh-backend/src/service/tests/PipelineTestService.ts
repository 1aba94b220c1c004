import { InputError } from '@backstage/errors';
import {
  formatProjectCompilerDiagnostic,
  LoadedProject,
  loadProject,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import type { ProjectRepository } from '../projects/ProjectRepository';
import type {
  PipelineTestResultStore,
  PipelineTestStatus,
  StoredPipelineTestResult,
} from './PipelineTestResultStore';

/** What a pipeline test is about. */
export interface PipelineTestSubject {
  readonly kind: 'pipeline' | 'subgraph' | 'rule';
  readonly name: string;
}

/** The last result of a test. */
export interface PipelineTestOutcome {
  readonly file: string;
  readonly name: string;
  readonly status: PipelineTestStatus;
  readonly detail?: string;
  readonly durationMs: number;
  readonly ranAt: Date;
  readonly ranBy: string;
}

/** A test of a project, with its last result when it has run. */
export interface PipelineTestListing {
  readonly file: string;
  readonly name: string;
  readonly description?: string;
  readonly subject: PipelineTestSubject;
  readonly lastResult?: PipelineTestOutcome;
}

/** A test as the runner reports it. */
export interface RunnerResult {
  readonly file: string;
  readonly name: string;
  readonly status: PipelineTestStatus;
  readonly diff?: string;
  readonly message?: string;
  readonly durationMs: number;
}

/**
 * The two things the service needs of the test runner (`meshwork test`'s,
 * in `@meshwork/data-mesh-node`): which tests a loaded project has, and
 * running them.
 */
export interface PipelineTestRunner {
  list(loaded: LoadedProject): PipelineTestListing[];
  run(
    loaded: LoadedProject,
    options: { subject?: string },
  ): Promise<readonly RunnerResult[]>;
}

/**
 * The pipeline tests of the portal's projects: lists them with their last
 * results, and runs them on an in-memory DuckDB (one run at a time per
 * backend: a run is CPU-bound), keeping each result.
 */
export class PipelineTestService {
  /** The run in progress, which the next one waits for. */
  private lastRun: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: {
      readonly projects: ProjectRepository;
      readonly store: PipelineTestResultStore;
      readonly runner: PipelineTestRunner;
      readonly now?: () => Date;
    },
  ) {}

  async list(project: string, ref?: string): Promise<PipelineTestListing[]> {
    const loaded = await this.load(project, ref);
    const last = new Map(
      (await this.options.store.list(project, ref ?? '')).map(r => [
        key(r.file, r.test),
        r,
      ]),
    );
    return this.options.runner.list(loaded).map(test => {
      const result = last.get(key(test.file, test.name));
      return result ? { ...test, lastResult: outcome(result) } : test;
    });
  }

  async run(
    project: string,
    request: { subject?: string; ref?: string; ranBy: string },
  ): Promise<PipelineTestOutcome[]> {
    const loaded = await this.load(project, request.ref);
    const errors = loaded.diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0) {
      const listed = errors
        .slice(0, 5)
        .map(d => formatProjectCompilerDiagnostic(d))
        .join('; ');
      throw new InputError(
        `The data project '${project}' has ${errors.length} error(s), so its tests cannot run: ${listed}`,
      );
    }
    if (request.subject !== undefined) {
      const subjects = new Set(
        this.options.runner.list(loaded).map(t => t.subject.name),
      );
      if (!subjects.has(request.subject)) {
        throw new InputError(
          `subject: no tests of '${request.subject}' in '${project}'; tested: ${
            [...subjects].sort().join(', ') || 'nothing'
          }`,
        );
      }
    }
    const running = this.lastRun.then(() =>
      this.options.runner.run(loaded, { subject: request.subject }),
    );
    this.lastRun = running.catch(() => undefined);
    const results = await running;
    const ranAt = this.options.now?.() ?? new Date();
    const stored: StoredPipelineTestResult[] = results.map(r => ({
      project,
      ref: request.ref ?? '',
      file: r.file,
      test: r.name,
      status: r.status,
      ...((r.diff ?? r.message) !== undefined && {
        detail: r.diff ?? r.message,
      }),
      durationMs: r.durationMs,
      ranBy: request.ranBy,
      ranAt,
    }));
    await this.options.store.put(stored);
    return stored.map(outcome);
  }

  /** The project at `ref` (now without one), with the standards library it pins. */
  private async load(
    project: string,
    ref: string | undefined,
  ): Promise<LoadedProject> {
    const files = await this.sources(project, ref);
    return loadProject(
      files,
      await this.options.projects.compileOptions(files),
    );
  }

  private sources(
    project: string,
    ref: string | undefined,
  ): Promise<readonly ProjectSourceFile[]> {
    return ref === undefined
      ? this.options.projects.sources(project)
      : this.options.projects.sourcesAtRef(project, ref, 'ref');
  }
}

function key(file: string, test: string): string {
  return `${file}\u0000${test}`;
}

function outcome(result: StoredPipelineTestResult): PipelineTestOutcome {
  return {
    file: result.file,
    name: result.test,
    status: result.status,
    ...(result.detail !== undefined && { detail: result.detail }),
    durationMs: result.durationMs,
    ranAt: result.ranAt,
    ranBy: result.ranBy,
  };
}
