import { EntityAutocompletePicker } from '@backstage/plugin-catalog-react';
import { DataProductEntityFilters, DataProductLayerFilter } from './filters';
import { useDataProductKindSelected } from './useDataProductKindSelected';

/**
 * Catalog filter by a DataProduct's medallion layer (`spec.layer`),
 * offering the layers the listed DataProducts are in.
 */
export function DataProductLayerPicker() {
  const listsDataProducts = useDataProductKindSelected('layers');
  if (!listsDataProducts) return null;
  return (
    <EntityAutocompletePicker<DataProductEntityFilters, 'layers'>
      label="Layer"
      name="layers"
      path="spec.layer"
      Filter={DataProductLayerFilter}
      showCounts
    />
  );
}
