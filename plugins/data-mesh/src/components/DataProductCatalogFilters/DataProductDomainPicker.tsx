import { EntityAutocompletePicker } from '@backstage/plugin-catalog-react';
import { DataProductDomainFilter, DataProductEntityFilters } from './filters';
import { useDataProductKindSelected } from './useDataProductKindSelected';

/**
 * Catalog filter by a DataProduct's domain (`spec.domain`), offering the
 * domains the listed DataProducts are in. The catalog has no domain filter
 * of its own.
 */
export function DataProductDomainPicker() {
  const listsDataProducts = useDataProductKindSelected('domains');
  if (!listsDataProducts) return null;
  return (
    <EntityAutocompletePicker<DataProductEntityFilters, 'domains'>
      label="Domain"
      name="domains"
      path="spec.domain"
      Filter={DataProductDomainFilter}
      showCounts
    />
  );
}
