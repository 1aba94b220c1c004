/** A sort key of a gem's config (OrderBy, Deduplicate, Window). */
export interface SortConfig {
  readonly expression: string;
  readonly direction?: 'asc' | 'desc';
  readonly nulls?: 'first' | 'last';
}

/**
 * The order a sort key asks for. Nulls sort as in Spark SQL (first when
 * ascending, last when descending) unless the key says otherwise;
 * `reverse` flips the order (keep last = first in the reversed order).
 */
export function sortOrder(
  item: SortConfig,
  reverse = false,
): { descending: boolean; nulls: 'first' | 'last' } {
  const written = item.nulls ?? (item.direction === 'desc' ? 'last' : 'first');
  const flipped = written === 'first' ? 'last' : 'first';
  return {
    descending: (item.direction === 'desc') !== reverse,
    nulls: reverse ? flipped : written,
  };
}
