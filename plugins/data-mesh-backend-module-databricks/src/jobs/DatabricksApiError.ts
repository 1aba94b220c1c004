/**
 * A failed call to a Databricks REST API: an error response (with the API's
 * `error_code` and `message`), a network error or a timeout. The message names
 * the method and path, never the token.
 *
 * @public
 */
export class DatabricksApiError extends Error {
  override readonly name = 'DatabricksApiError';
  /** HTTP status; undefined when no response arrived (network error, timeout). */
  readonly status?: number;
  /** The API's `error_code`, e.g. `INVALID_PARAMETER_VALUE`, `RESOURCE_DOES_NOT_EXIST`. */
  readonly errorCode?: string;
  /** The API's own `message`. */
  readonly apiMessage?: string;
  /** `GET /api/2.2/jobs/runs/get`, without the query. */
  readonly endpoint: string;
  /** How many times the request was sent. */
  readonly attempts: number;
  /** Seconds the API asked to wait before retrying (429 `Retry-After`). */
  readonly retryAfterSeconds?: number;

  constructor(options: {
    endpoint: string;
    attempts: number;
    status?: number;
    errorCode?: string;
    apiMessage?: string;
    retryAfterSeconds?: number;
    reason?: string;
  }) {
    const what = options.status
      ? `${options.status}${options.errorCode ? ` ${options.errorCode}` : ''}`
      : options.reason ?? 'no response';
    const detail = options.apiMessage ? `: ${options.apiMessage}` : '';
    const tries =
      options.attempts > 1 ? ` after ${options.attempts} attempts` : '';
    super(`Databricks ${options.endpoint} failed${tries} (${what})${detail}`);
    this.status = options.status;
    this.errorCode = options.errorCode;
    this.apiMessage = options.apiMessage;
    this.endpoint = options.endpoint;
    this.attempts = options.attempts;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
