import type { PathSegment } from '../../project';

/**
 * A gem that cannot be written in a back end's language (an unsupported
 * gem, or an expression with no faithful rendering in the dialect):
 * becomes a diagnostic.
 */
export class CodegenProblem extends Error {
  constructor(
    message: string,
    readonly code: 'not-supported' | 'internal-error',
    readonly field: readonly PathSegment[] = [],
    /** The node concerned, when not the one being generated. */
    readonly nodeId?: string,
  ) {
    super(message);
  }
}
