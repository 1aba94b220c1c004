/** Too many previews are running; the client should retry after `retryAfterSeconds`. */
export class PreviewLimitError extends Error {
  name = 'TooManyRequestsError';
  readonly statusCode = 429;

  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/** A slot held by one running preview. */
export interface PreviewSlot {
  /** Frees the slot; calling it again does nothing. */
  release(): void;
}

/**
 * Bounds how many previews run at once, per user and in total, so that a
 * few eager users (or a script) cannot fill the warehouse. Counts live in
 * this process: each backend replica enforces its own bounds.
 */
export class PreviewLimiter {
  private readonly byUser = new Map<string, number>();
  private running = 0;
  /** Recent preview durations, smoothed, to suggest when to retry. */
  private typicalMs = 1000;

  constructor(
    private readonly limits: {
      readonly perUser: number;
      readonly total: number;
    },
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a slot for `user`, or throws {@link PreviewLimitError}. */
  acquire(user: string): PreviewSlot {
    const mine = this.byUser.get(user) ?? 0;
    if (mine >= this.limits.perUser) {
      throw new PreviewLimitError(
        `You already have ${mine} preview${
          mine === 1 ? '' : 's'
        } running, the most allowed per user; wait for one to finish`,
        this.retryAfterSeconds(),
      );
    }
    if (this.running >= this.limits.total) {
      throw new PreviewLimitError(
        `${this.running} previews are running, the most the portal allows at once; try again shortly`,
        this.retryAfterSeconds(),
      );
    }
    this.byUser.set(user, mine + 1);
    this.running++;
    const started = this.now();
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.running--;
        const left = (this.byUser.get(user) ?? 1) - 1;
        if (left > 0) this.byUser.set(user, left);
        else this.byUser.delete(user);
        this.typicalMs = 0.8 * this.typicalMs + 0.2 * (this.now() - started);
      },
    };
  }

  private retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.typicalMs / 1000));
  }
}
