import { WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DataProductEntity,
  isDataProductEntity,
} from '@meshwork/data-mesh-common';

/**
 * The page's entity when it is a DataProduct. The new frontend system only
 * mounts these views on DataProducts, but an app on the old system may place
 * the legacy exports on any entity page.
 */
export function useDataProductEntity(): DataProductEntity | undefined {
  const { entity } = useEntity();
  return isDataProductEntity(entity) ? entity : undefined;
}

/** Said in place of a DataProduct view mounted on another kind of entity. */
export const NotADataProductPanel = () => (
  <WarningPanel
    title="Not a data product"
    message="This view shows DataProduct entities only. Show it on DataProduct pages, for instance with isDataProductEntity from @meshwork/data-mesh-common in an EntitySwitch."
  />
);
