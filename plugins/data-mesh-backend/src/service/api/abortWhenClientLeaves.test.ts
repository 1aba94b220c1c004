import type { Response } from 'express';
import { EventEmitter } from 'node:events';
import { abortWhenClientLeaves } from './abortWhenClientLeaves';

/** The part of a response the helper looks at. */
function response(writableFinished = false) {
  return Object.assign(new EventEmitter(), { writableFinished });
}

describe('abortWhenClientLeaves', () => {
  it('aborts when the connection closes before the response is written', () => {
    const res = response();
    const clientLeft = abortWhenClientLeaves(res as unknown as Response);
    expect(clientLeft.signal.aborted).toBe(false);
    res.emit('close');
    expect(clientLeft.signal.aborted).toBe(true);
  });

  it('does not abort when the close follows a written response', () => {
    const res = response(true);
    const clientLeft = abortWhenClientLeaves(res as unknown as Response);
    res.emit('close');
    expect(clientLeft.signal.aborted).toBe(false);
  });

  it('stops listening when the work is done', () => {
    const res = response();
    const clientLeft = abortWhenClientLeaves(res as unknown as Response);
    clientLeft.done();
    expect(res.listenerCount('close')).toBe(0);
    res.emit('close');
    expect(clientLeft.signal.aborted).toBe(false);
  });
});
