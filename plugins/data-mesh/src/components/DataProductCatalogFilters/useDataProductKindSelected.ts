import { useEntityList } from '@backstage/plugin-catalog-react';
import { useEffect } from 'react';
import type { DataProductEntityFilters } from './filters';

/**
 * Whether the catalog lists DataProducts. Catalog filters cannot be
 * limited to a kind, so each DataProduct picker hides itself otherwise, and
 * drops its filter: left in place it would hold another kind's list to
 * fields that kind does not have, and empty it.
 */
export function useDataProductKindSelected(
  filterName: Exclude<keyof DataProductEntityFilters, 'kind'>,
): boolean {
  const { filters, updateFilters } = useEntityList<DataProductEntityFilters>();
  const selected =
    filters.kind?.value.toLocaleLowerCase('en-US') === 'dataproduct';
  const hasFilter = filters[filterName] !== undefined;
  useEffect(() => {
    if (!selected && hasFilter) {
      updateFilters({ [filterName]: undefined });
    }
  }, [selected, hasFilter, filterName, updateFilters]);
  return selected;
}
