import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  DATA_MESH_PLUGIN_ID,
  RESOURCE_TYPE_DATA_PRODUCT,
  RESOURCE_TYPE_DATA_PROJECT,
} from '@meshwork/data-mesh-common';

/**
 * What the permission rules of data projects look at: the project and the
 * groups that own it.
 *
 * @public
 */
export interface DataProjectResource {
  /** The project name, which is also its resource ref. */
  readonly name: string;
  /** Entity refs of its owners (`group:default/sales-analytics`), lower case. */
  readonly owners: readonly string[];
}

/**
 * A filter over data projects, for listing only those a user may see.
 *
 * @public
 */
export interface DataProjectQuery {
  readonly owners: readonly string[];
}

/**
 * The data-mesh plugin's data project resource type, for permission rules
 * and conditional decisions.
 *
 * @public
 */
export const dataProjectPermissionResourceRef = createPermissionResourceRef<
  DataProjectResource,
  DataProjectQuery
>().with({
  pluginId: DATA_MESH_PLUGIN_ID,
  resourceType: RESOURCE_TYPE_DATA_PROJECT,
});

/**
 * What the permission rules of data products look at: the product, its
 * owners, and the groups that approve access to it (its owners, or a
 * central team where the deployment owns access centrally).
 *
 * @public
 */
export interface DataProductResource {
  /** The DataProduct's entity ref, which is also its resource ref. */
  readonly ref: string;
  /** Entity refs of its owners, lower case. */
  readonly owners: readonly string[];
  /** Entity refs of the groups that approve access to it, lower case. */
  readonly approvers: readonly string[];
}

/**
 * The data-mesh plugin's data product resource type, for permission rules
 * and conditional decisions.
 *
 * @public
 */
export const dataProductPermissionResourceRef = createPermissionResourceRef<
  DataProductResource,
  never
>().with({
  pluginId: DATA_MESH_PLUGIN_ID,
  resourceType: RESOURCE_TYPE_DATA_PRODUCT,
});

/**
 * `sales-analytics` → `group:default/sales-analytics`, lower case: project
 * files may name their owner briefly, ownership claims are full refs.
 *
 * @public
 */
export function normalizeOwnerRef(ref: string): string {
  const colon = ref.indexOf(':');
  const kind = colon === -1 ? 'group' : ref.slice(0, colon);
  const rest = colon === -1 ? ref : ref.slice(colon + 1);
  return `${kind}:${
    rest.includes('/') ? rest : `default/${rest}`
  }`.toLowerCase();
}
