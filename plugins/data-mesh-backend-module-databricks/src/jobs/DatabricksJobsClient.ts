import { DatabricksApiError } from './DatabricksApiError';
import type {
  Job,
  JobSettings,
  ListJobsResponse,
  Run,
  RunNowRequest,
  WorkspaceImportRequest,
} from './types';

/**
 * How a {@link DatabricksJobsClient} retries throttled (429) and failed (5xx,
 * network error, timeout) requests. Other 4xx responses are never retried:
 * sending the same request again cannot fix it.
 *
 * @public
 */
export interface DatabricksRetryOptions {
  /** Total sends of one request, the first included. Default 5. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubles with every further one. Default 500. */
  baseDelayMs: number;
  /**
   * Upper bound of one backoff. A 429 whose `Retry-After` asks for longer
   * is not retried but thrown, with the wait on the error. Default 30 000.
   */
  maxDelayMs: number;
}

/** @public */
export interface DatabricksJobsClientOptions {
  /** Workspace URL, e.g. `https://adb-123.4.azuredatabricks.net`. */
  host: string;
  /** Personal access token or OAuth access token, sent as a bearer token. */
  token: string;
  fetch?: typeof fetch;
  retry?: Partial<DatabricksRetryOptions>;
  /** Waits between attempts; injectable so tests need not wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of backoff jitter in [0, 1); injectable for deterministic tests. */
  random?: () => number;
  /** Timeout of one attempt. Default 60 000. */
  requestTimeoutMs?: number;
}

/** Per-call options. @public */
export interface DatabricksRequestOptions {
  signal?: AbortSignal;
}

const DEFAULT_RETRY: DatabricksRetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

const DEFAULT_TIMEOUT_MS = 60_000;

/** The Jobs API's page size limit for jobs/list. */
const LIST_PAGE_SIZE = 100;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `Retry-After` is either delay-seconds or an HTTP date. */
function parseRetryAfter(
  value: string | null,
  now: number,
): number | undefined {
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim());
  }
  const date = Date.parse(value);
  return Number.isNaN(date)
    ? undefined
    : Math.max(0, Math.ceil((date - now) / 1000));
}

function isRetryableStatus(status: number) {
  return status === 429 || status >= 500;
}

/**
 * A client of the Databricks Jobs API 2.2 and the parts of the Workspace API
 * that deploying a job needs. Bearer-token auth, a timeout per attempt, and
 * retries with exponential backoff and jitter on 429, 5xx and network errors.
 *
 * Errors are {@link DatabricksApiError}s; the token never appears in them,
 * not even when a response or network error echoes it.
 *
 * @public
 */
export class DatabricksJobsClient {
  readonly #baseUrl: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;
  readonly #retry: DatabricksRetryOptions;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #random: () => number;
  readonly #timeoutMs: number;

  constructor(options: DatabricksJobsClientOptions) {
    let url: URL;
    try {
      url = new URL(options.host);
    } catch {
      throw new TypeError(
        `Databricks host "${options.host}" is not a URL, e.g. https://adb-123.4.azuredatabricks.net`,
      );
    }
    // A bearer token over plain HTTP is readable by anyone on the path; only
    // a local test double may be spoken to without TLS.
    if (url.protocol !== 'https:' && !LOOPBACK_HOSTS.has(url.hostname)) {
      throw new TypeError(`Databricks host "${options.host}" must use https`);
    }
    if (!options.token) {
      throw new TypeError('A Databricks token is required');
    }
    this.#baseUrl = url.origin;
    this.#token = options.token;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#sleep = options.sleep ?? sleepFor;
    this.#random = options.random ?? Math.random;
    this.#timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** One page of `GET /api/2.2/jobs/list`; `name` filters by exact, case-insensitive name. */
  listJobs(
    query: {
      name?: string;
      limit?: number;
      pageToken?: string;
      expandTasks?: boolean;
    } = {},
    options?: DatabricksRequestOptions,
  ): Promise<ListJobsResponse> {
    return this.#request<ListJobsResponse>('GET', '/api/2.2/jobs/list', {
      query: {
        name: query.name,
        limit: query.limit,
        page_token: query.pageToken,
        expand_tasks: query.expandTasks,
      },
      signal: options?.signal,
    });
  }

  /** Every job with this name, across pages. */
  async findJobsByName(
    name: string,
    options?: DatabricksRequestOptions,
  ): Promise<Job[]> {
    const jobs: Job[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.listJobs(
        { name, limit: LIST_PAGE_SIZE, pageToken },
        options,
      );
      jobs.push(...(page.jobs ?? []));
      pageToken = page.has_more ? page.next_page_token : undefined;
    } while (pageToken);
    return jobs;
  }

  getJob(jobId: number, options?: DatabricksRequestOptions): Promise<Job> {
    return this.#request<Job>('GET', '/api/2.2/jobs/get', {
      query: { job_id: jobId },
      signal: options?.signal,
    });
  }

  createJob(
    settings: JobSettings,
    options?: DatabricksRequestOptions,
  ): Promise<{ job_id: number }> {
    return this.#request('POST', '/api/2.2/jobs/create', {
      body: settings,
      signal: options?.signal,
    });
  }

  /** Replaces all settings of a job. */
  async resetJob(
    jobId: number,
    settings: JobSettings,
    options?: DatabricksRequestOptions,
  ): Promise<void> {
    await this.#request('POST', '/api/2.2/jobs/reset', {
      body: { job_id: jobId, new_settings: settings },
      signal: options?.signal,
    });
  }

  runNow(
    request: RunNowRequest,
    options?: DatabricksRequestOptions,
  ): Promise<{ run_id: number; number_in_job?: number }> {
    return this.#request('POST', '/api/2.2/jobs/run-now', {
      body: request,
      signal: options?.signal,
    });
  }

  /**
   * A run with all its tasks: 2.2 pages the tasks of large runs, and this
   * follows `next_page_token` until it has them all.
   */
  async getRun(
    runId: number,
    options?: DatabricksRequestOptions,
  ): Promise<Run> {
    const run = await this.#request<Run>('GET', '/api/2.2/jobs/runs/get', {
      query: { run_id: runId },
      signal: options?.signal,
    });
    const tasks = [...(run.tasks ?? [])];
    let page = run;
    while (page.has_more && page.next_page_token) {
      page = await this.#request<Run>('GET', '/api/2.2/jobs/runs/get', {
        query: { run_id: runId, page_token: page.next_page_token },
        signal: options?.signal,
      });
      tasks.push(...(page.tasks ?? []));
    }
    const { has_more: _, next_page_token: __, ...rest } = run;
    return { ...rest, tasks };
  }

  /** Asks for a run to stop; the run reaches a terminal state asynchronously. */
  async cancelRun(
    runId: number,
    options?: DatabricksRequestOptions,
  ): Promise<void> {
    await this.#request('POST', '/api/2.2/jobs/runs/cancel', {
      body: { run_id: runId },
      signal: options?.signal,
    });
  }

  /** Writes a workspace object; the parent folder must exist (see {@link DatabricksJobsClient.mkdirs}). */
  async importWorkspaceFile(
    request: WorkspaceImportRequest,
    options?: DatabricksRequestOptions,
  ): Promise<void> {
    await this.#request('POST', '/api/2.0/workspace/import', {
      body: request,
      signal: options?.signal,
    });
  }

  /** Creates a workspace folder and its missing parents; succeeds if it exists. */
  async mkdirs(
    path: string,
    options?: DatabricksRequestOptions,
  ): Promise<void> {
    await this.#request('POST', '/api/2.0/workspace/mkdirs', {
      body: { path },
      signal: options?.signal,
    });
  }

  /** The identity the token belongs to (SCIM `Me`). */
  currentUser(
    options?: DatabricksRequestOptions,
  ): Promise<{ userName: string }> {
    return this.#request('GET', '/api/2.0/preview/scim/v2/Me', {
      signal: options?.signal,
    });
  }

  #redact(text: string): string {
    return text.split(this.#token).join('[REDACTED]');
  }

  #backoff(attempt: number): number {
    const ceiling = Math.min(
      this.#retry.maxDelayMs,
      this.#retry.baseDelayMs * 2 ** (attempt - 1),
    );
    // Half fixed, half random: spreads out clients that failed together
    // without ever retrying immediately.
    return Math.round(ceiling / 2 + (this.#random() * ceiling) / 2);
  }

  #parseBody<T>(text: string, endpoint: string, attempts: number): T {
    try {
      return (text ? JSON.parse(text) : {}) as T;
    } catch {
      throw new DatabricksApiError({
        endpoint,
        attempts,
        reason: 'the response is not JSON',
      });
    }
  }

  async #request<T>(
    method: 'GET' | 'POST',
    path: string,
    options: {
      query?: Record<string, string | number | boolean | undefined>;
      body?: unknown;
      signal?: AbortSignal;
    },
  ): Promise<T> {
    const endpoint = `${method} ${path}`;
    const url = new URL(path, this.#baseUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(key, String(value));
      }
    }
    const maxAttempts = Math.max(1, this.#retry.maxAttempts);

    for (let attempt = 1; ; attempt++) {
      options.signal?.throwIfAborted();
      const timeout = AbortSignal.timeout(this.#timeoutMs);
      const signal = options.signal
        ? AbortSignal.any([options.signal, timeout])
        : timeout;

      let failure: DatabricksApiError;
      let retryAfterSeconds: number | undefined;
      try {
        const response = await this.#fetch(url, {
          method,
          headers: {
            Authorization: `Bearer ${this.#token}`,
            Accept: 'application/json',
            ...(options.body !== undefined && {
              'Content-Type': 'application/json',
            }),
          },
          body:
            options.body === undefined
              ? undefined
              : JSON.stringify(options.body),
          signal,
        });
        const text = await response.text();
        if (response.ok) {
          return this.#parseBody<T>(text, endpoint, attempt);
        }
        let errorCode: string | undefined;
        let apiMessage: string | undefined;
        try {
          const parsed = JSON.parse(text);
          errorCode =
            typeof parsed?.error_code === 'string'
              ? parsed.error_code
              : undefined;
          apiMessage =
            typeof parsed?.message === 'string' ? parsed.message : undefined;
        } catch {
          // Proxies and load balancers answer with HTML; keep a short excerpt.
          apiMessage = text.trim().slice(0, 200) || undefined;
        }
        retryAfterSeconds =
          response.status === 429
            ? parseRetryAfter(response.headers.get('retry-after'), Date.now())
            : undefined;
        failure = new DatabricksApiError({
          endpoint,
          attempts: attempt,
          status: response.status,
          errorCode,
          apiMessage: apiMessage && this.#redact(apiMessage),
          retryAfterSeconds,
        });
        if (!isRetryableStatus(response.status)) {
          throw failure;
        }
      } catch (error) {
        if (error instanceof DatabricksApiError) {
          throw error;
        }
        if (options.signal?.aborted) {
          throw options.signal.reason;
        }
        const reason = timeout.aborted
          ? `timed out after ${this.#timeoutMs} ms`
          : this.#redact(
              `network error: ${
                (error as Error)?.cause instanceof Error
                  ? ((error as Error).cause as Error).message
                  : (error as Error)?.message ?? String(error)
              }`,
            );
        failure = new DatabricksApiError({
          endpoint,
          attempts: attempt,
          reason,
        });
      }

      if (attempt >= maxAttempts) {
        throw failure;
      }
      const delay =
        retryAfterSeconds !== undefined
          ? retryAfterSeconds * 1000
          : this.#backoff(attempt);
      if (delay > this.#retry.maxDelayMs) {
        throw failure;
      }
      await this.#sleep(delay, options.signal);
    }
  }
}
