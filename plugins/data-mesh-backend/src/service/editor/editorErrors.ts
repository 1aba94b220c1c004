import { ConflictError, InputError } from '@backstage/errors';
import {
  formatProjectCompilerDiagnostic,
  ProjectCompilerDiagnostic,
} from '@meshwork/data-mesh-common';

/** How many problems the message spells out; the rest are in `diagnostics`. */
const PROBLEMS_IN_MESSAGE = 5;

/**
 * A save or revert that would commit a project with errors: a 400 whose
 * body carries every diagnostic (file, line, column) so that the editor can
 * show each at its place. Nothing was committed.
 */
export class ProjectDiagnosticsError extends InputError {
  constructor(
    summary: string,
    readonly diagnostics: readonly ProjectCompilerDiagnostic[],
  ) {
    const errors = diagnostics.filter(d => d.severity === 'error');
    const shown = errors
      .slice(0, PROBLEMS_IN_MESSAGE)
      .map(d => formatProjectCompilerDiagnostic(d));
    const more = errors.length - shown.length;
    super(
      `${summary}: ${shown.join('; ')}${
        more > 0 ? `; and ${more} more (see diagnostics)` : ''
      }`,
    );
  }
}

/** One side of a conflicting save: a pipeline file as a commit has it. */
export interface PipelineVersion {
  /** The commit, or absent for the edit that was not committed. */
  readonly commit?: string;
  /** The file's text; null where the commit does not have the file. */
  readonly text: string | null;
}

/** The three versions a merge of a conflicting save starts from. */
export interface PipelineConflict {
  readonly path: string;
  /** The file as the edit started from it. */
  readonly base: PipelineVersion;
  /** The file as someone else committed it meanwhile. */
  readonly theirs: PipelineVersion;
  /** The edit that was not committed. */
  readonly yours: PipelineVersion;
}

/**
 * The pipeline file changed on the branch since the edit started: a 409
 * whose body carries the three versions, so that the editor can show a
 * merge and no edit is lost. Nothing was committed.
 */
export class PipelineConflictError extends ConflictError {
  constructor(message: string, readonly conflict: PipelineConflict) {
    super(message);
  }
}
