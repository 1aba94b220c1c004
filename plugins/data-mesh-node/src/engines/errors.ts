/**
 * Why an engine call failed. The message is the engine's own explanation,
 * fit to show to the person who wrote the pipeline: it carries no driver
 * stack, connection string or token, and no `cause` that could.
 *
 * @public
 */
export class QueryError extends Error {
  name = 'QueryError';
}

/**
 * The engine rejected the statement before running it: it does not parse,
 * names a table or column that does not exist, or mixes types. Nothing was
 * read or written. Fixing the SQL, not retrying, is the way out.
 *
 * @public
 */
export class QuerySyntaxError extends QueryError {
  name = 'QuerySyntaxError';
}

/**
 * The statement ran longer than the caller allowed and was stopped.
 *
 * @public
 */
export class QueryTimeoutError extends QueryError {
  name = 'QueryTimeoutError';

  constructor(readonly timeoutMs: number) {
    super(`the query did not finish within its timeout of ${timeoutMs} ms`);
  }
}

/**
 * The caller's abort signal fired, or the engine is shutting down, and the
 * statement was stopped.
 *
 * @public
 */
export class QueryCancelledError extends QueryError {
  name = 'QueryCancelledError';

  constructor(message: string = 'the query was cancelled') {
    super(message);
  }
}
