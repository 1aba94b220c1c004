import type { Response } from 'express';

/**
 * A signal that aborts the work behind one response when the client leaves
 * first ('close' before the response is written), and `done` to stop
 * listening once the work has ended.
 */
export function abortWhenClientLeaves(res: Response): {
  signal: AbortSignal;
  done: () => void;
} {
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.on('close', onClose);
  return { signal: controller.signal, done: () => res.off('close', onClose) };
}
