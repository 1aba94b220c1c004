import { QueryError, QuerySyntaxError } from '@meshwork/data-mesh-node';

/**
 * Errors DuckDB raises before it runs anything: the statement does not
 * parse, or names something that does not exist, or its types do not fit.
 */
const REJECTED_STATEMENT = /^(?:Parser|Binder|Catalog) Error: /;

/**
 * What the driver puts before DuckDB's own message: `Error: ` when preparing
 * a statement of a script, `Failed to extract statements: ` when splitting it.
 */
const DRIVER_PREFIXES = /^(?:Error: )?(?:Failed to extract statements: )?/;

/** A DuckDB failure as the {@link QueryError} the engine interface promises. */
export function toQueryError(error: unknown): QueryError {
  if (error instanceof QueryError) return error;
  const message = (
    error instanceof Error ? error.message : String(error)
  ).replace(DRIVER_PREFIXES, '');
  return REJECTED_STATEMENT.test(message)
    ? new QuerySyntaxError(message)
    : new QueryError(message);
}
