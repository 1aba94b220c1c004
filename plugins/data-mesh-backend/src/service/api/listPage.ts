import { InputError } from '@backstage/errors';
import { Page } from '../../database';

/**
 * One page of a short list computed in memory (cost roll-ups, freshness),
 * shaped like the store's pages. The cursor is the sort key of the last
 * item, so a page boundary stays put when items are added before it.
 */
export function listPage<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  options: { limit: number; cursor?: string },
): Page<T> {
  const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
  let start = 0;
  if (options.cursor !== undefined) {
    const after = decode(options.cursor);
    start = sorted.findIndex(item => compare(keyOf(item), after) > 0);
    if (start < 0) start = sorted.length;
  }
  const pageItems = sorted.slice(start, start + options.limit);
  const more = start + options.limit < sorted.length;
  return {
    items: pageItems,
    totalCount: sorted.length,
    ...(more && {
      nextCursor: Buffer.from(keyOf(pageItems[pageItems.length - 1])).toString(
        'base64url',
      ),
    }),
  };
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function decode(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (key === '' || Buffer.from(key).toString('base64url') !== cursor) {
    throw new InputError(`cursor '${cursor}' is not one this API returned`);
  }
  return key;
}
