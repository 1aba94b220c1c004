import { QueryCancelledError, QueryError, QueryTimeoutError } from './errors';
import { QueryControl } from './WarehouseEngine';

/**
 * The timeout and abort signal of one engine call, folded into a single
 * "stop" that the engine forwards to its driver: DuckDB's
 * `connection.interrupt()`, the Databricks operation's `cancel()`.
 *
 * Whichever comes first wins: the timeout, the caller's signal, or
 * {@link QueryDeadline.stop} (an engine closing). The engine then throws
 * {@link QueryDeadline.stopError} instead of whatever the driver reported
 * for the interrupted statement.
 *
 * @example
 * ```ts
 * const deadline = new QueryDeadline(options);
 * try {
 *   deadline.throwIfStopped();
 *   deadline.onStop(() => connection.interrupt());
 *   return await connection.run(sql);
 * } catch (error) {
 *   throw deadline.stopError ?? toQueryError(error);
 * } finally {
 *   deadline.dispose();
 * }
 * ```
 *
 * @public
 */
export class QueryDeadline {
  private readonly startedAt = Date.now();
  private readonly listeners = new Set<() => void>();
  private readonly signal?: AbortSignal;
  private readonly timer?: ReturnType<typeof setTimeout>;
  private error?: QueryError;
  private readonly onAbort = () => this.stop(new QueryCancelledError());

  constructor(options: QueryControl = {}) {
    const { timeoutMs, signal } = options;
    if (signal?.aborted) {
      this.error = new QueryCancelledError();
      return;
    }
    if (signal) {
      this.signal = signal;
      signal.addEventListener('abort', this.onAbort, { once: true });
    }
    if (timeoutMs !== undefined) {
      this.timer = setTimeout(
        () => this.stop(new QueryTimeoutError(timeoutMs)),
        timeoutMs,
      );
      // A pending timeout must not keep a finishing process alive.
      this.timer.unref?.();
    }
  }

  /** Why the call was stopped; `undefined` while it may go on. */
  get stopError(): QueryError | undefined {
    return this.error;
  }

  /** Milliseconds since the deadline was created. */
  elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  /** Throws {@link QueryDeadline.stopError} when the call was stopped. */
  throwIfStopped(): void {
    if (this.error) throw this.error;
  }

  /**
   * Calls `listener` when the call is stopped, at once if it already was.
   * Returns a function that removes the listener.
   */
  onStop(listener: () => void): () => void {
    if (this.error) {
      listener();
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the call with `error` unless it was stopped already. */
  stop(error: QueryError): void {
    if (this.error) return;
    this.error = error;
    this.release();
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener();
  }

  /** Clears the timer and the abort listener; call it when the call ends. */
  dispose(): void {
    this.release();
    this.listeners.clear();
  }

  private release() {
    if (this.timer) clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}
