import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { DataProductEntity } from '@meshwork/data-mesh-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataMeshApiRef, Subscription } from '../../api';
import { productsApprovedBy } from '../Subscriptions';

/** A product's subscriptions as the user sees them, and whether they decide them. */
export interface ProductSubscriptions {
  approver: boolean;
  items: Subscription[];
}

/**
 * The subscriptions to a product the user may see, and whether they approve
 * its access (then the listing holds every team's, not only their own).
 */
export function useProductSubscriptions(entity: DataProductEntity) {
  const api = useApi(dataMeshApiRef);
  const permissionApi = useApi(permissionApiRef);
  const product = stringifyEntityRef(entity);
  return useAsyncRetry(async (): Promise<ProductSubscriptions> => {
    const [approved, list] = await Promise.all([
      productsApprovedBy(permissionApi, [product]),
      api.listSubscriptions({ product }),
    ]);
    return { approver: approved.has(product), items: list.items };
  }, [api, permissionApi, product]);
}
