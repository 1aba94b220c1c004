import { QueryError, QuerySyntaxError } from '@meshwork/data-mesh-node';

/** What the driver's errors carry, whichever class it threw. */
interface DriverError {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  /** OperationStateError: the operation's status as the warehouse sent it. */
  response?: {
    errorMessage?: string;
    displayMessage?: string;
    sqlState?: string;
  };
}

/**
 * SQLSTATE class 42, "syntax error or access rule violation": the warehouse
 * rejected the statement before it ran (it does not parse, or names a table
 * or column that does not exist).
 */
const REJECTED_STATEMENT = /^42/;

/** The error classes Databricks puts in front of "no such table". */
const TABLE_NOT_FOUND = /\[(?:TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND)\]/;

/**
 * Turns whatever the driver threw into the {@link QueryError} the engine
 * interface promises, with the warehouse's own message. Every secret is
 * masked: the driver's errors may quote a request, and a message that
 * reaches a log or a browser must never carry the access token.
 */
export function toQueryError(
  error: unknown,
  context: { warehouse: string; secrets: string[] },
): QueryError {
  if (error instanceof QueryError) {
    return redact(error, context.secrets);
  }
  const driverError = (error ?? {}) as DriverError;
  const sqlState = sqlStateOf(error);
  const message = messageOf(driverError, context.warehouse);
  const queryError =
    sqlState && REJECTED_STATEMENT.test(sqlState)
      ? new QuerySyntaxError(message)
      : new QueryError(message);
  return redact(queryError, context.secrets);
}

/** Whether the warehouse said the table (or its schema) does not exist. */
export function isTableNotFound(error: unknown): boolean {
  const sqlState = sqlStateOf(error);
  const message = messageOf((error ?? {}) as DriverError, '');
  return sqlState === '42P01' || TABLE_NOT_FOUND.test(message);
}

function sqlStateOf(error: unknown): string | undefined {
  const driverError = (error ?? {}) as DriverError & { sqlState?: string };
  return driverError.response?.sqlState ?? driverError.sqlState;
}

function messageOf(error: DriverError, warehouse: string): string {
  if (error.statusCode === 401 || error.statusCode === 403) {
    return `the Databricks SQL warehouse at ${warehouse} refused the access token (HTTP ${error.statusCode}); check dataMesh.engines.databricks.token`;
  }
  if (error.code && /^E[A-Z]+$/.test(error.code)) {
    return `cannot reach the Databricks SQL warehouse at ${warehouse}: ${error.code}`;
  }
  const message =
    error.response?.errorMessage ??
    error.response?.displayMessage ??
    error.message ??
    String(error);
  return message || 'the Databricks SQL warehouse reported an error';
}

function redact(error: QueryError, secrets: string[]): QueryError {
  const masked = secrets
    .filter(secret => secret.length > 0)
    .reduce((text, secret) => text.split(secret).join('***'), error.message);
  if (masked === error.message) return error;
  const Class = error.constructor as new (message: string) => QueryError;
  try {
    return Object.assign(new Class(masked), { message: masked });
  } catch {
    return new QueryError(masked);
  }
}
