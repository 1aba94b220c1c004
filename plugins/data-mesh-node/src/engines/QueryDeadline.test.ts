import { QueryCancelledError, QueryTimeoutError } from './errors';
import { QueryDeadline } from './QueryDeadline';

describe('QueryDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('stops with a timeout error naming the timeout', () => {
    const deadline = new QueryDeadline({ timeoutMs: 500 });
    const stopped = jest.fn();
    deadline.onStop(stopped);

    jest.advanceTimersByTime(499);
    expect(stopped).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);

    expect(stopped).toHaveBeenCalledTimes(1);
    expect(deadline.stopError).toBeInstanceOf(QueryTimeoutError);
    expect(() => deadline.throwIfStopped()).toThrow(
      'the query did not finish within its timeout of 500 ms',
    );
  });

  it('stops when the signal aborts, and only once', () => {
    const controller = new AbortController();
    const deadline = new QueryDeadline({
      timeoutMs: 100,
      signal: controller.signal,
    });
    const stopped = jest.fn();
    deadline.onStop(stopped);

    controller.abort();
    jest.advanceTimersByTime(100);

    expect(stopped).toHaveBeenCalledTimes(1);
    expect(deadline.stopError).toBeInstanceOf(QueryCancelledError);
  });

  it('is stopped from the start when the signal already aborted', () => {
    const controller = new AbortController();
    controller.abort();
    const deadline = new QueryDeadline({ signal: controller.signal });
    const stopped = jest.fn();

    deadline.onStop(stopped);

    expect(stopped).toHaveBeenCalledTimes(1);
    expect(() => deadline.throwIfStopped()).toThrow(QueryCancelledError);
  });

  it('ignores the timeout and the signal once disposed', () => {
    const controller = new AbortController();
    const deadline = new QueryDeadline({
      timeoutMs: 100,
      signal: controller.signal,
    });
    const stopped = jest.fn();
    deadline.onStop(stopped);

    deadline.dispose();
    controller.abort();
    jest.advanceTimersByTime(100);

    expect(stopped).not.toHaveBeenCalled();
    expect(deadline.stopError).toBeUndefined();
  });

  it('lets the engine stop the call with its own reason', () => {
    const deadline = new QueryDeadline();

    deadline.stop(new QueryCancelledError('the warehouse is closing'));

    expect(() => deadline.throwIfStopped()).toThrow('the warehouse is closing');
  });
});
