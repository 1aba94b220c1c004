import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PermissionApi } from '@backstage/plugin-permission-react';
import { dataProductApprovePermission } from '@meshwork/data-mesh-common';
import type { DataMeshApi, Subscription } from '../../api';

/**
 * Which of `products` the user approves access to. The backend decides who
 * approves (the owning team, or a central team by config), so the UI asks
 * the permission framework rather than guessing from ownership; the
 * permission API batches the questions into one request.
 */
export async function productsApprovedBy(
  permissionApi: PermissionApi,
  products: string[],
): Promise<Set<string>> {
  const unique = [...new Set(products)];
  const decisions = await Promise.all(
    unique.map(resourceRef =>
      permissionApi.authorize({
        permission: dataProductApprovePermission,
        resourceRef,
      }),
    ),
  );
  return new Set(
    unique.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
  );
}

/**
 * The pending requests the user may decide: what a listing shows them,
 * less their own teams' requests to products they do not approve.
 */
export async function loadRequestsToDecide(
  api: Pick<DataMeshApi, 'listSubscriptions'>,
  permissionApi: PermissionApi,
): Promise<Subscription[]> {
  const { items } = await api.listSubscriptions({ state: 'pending' });
  const approved = await productsApprovedBy(
    permissionApi,
    items.map(item => item.product),
  );
  return items.filter(item => approved.has(item.product));
}
