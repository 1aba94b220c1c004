import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of a data project: the repository of pipelines,
 * datasets and jobs one team owns. Its resource ref is the project name.
 *
 * @public
 */
export const RESOURCE_TYPE_DATA_PROJECT = 'data-mesh-project';

/**
 * The resource type of a data product: one dataset a team offers. Its
 * resource ref is the DataProduct's entity ref.
 *
 * @public
 */
export const RESOURCE_TYPE_DATA_PRODUCT = 'data-mesh-data-product';

/**
 * Read a data project's runs, quality results, cost and freshness.
 *
 * @public
 */
export const dataProjectReadPermission = createPermission({
  name: 'data-mesh.project.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_DATA_PROJECT,
});

/**
 * Start, and later cancel, runs of a data project's jobs.
 *
 * @public
 */
export const dataProjectRunPermission = createPermission({
  name: 'data-mesh.project.run',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_DATA_PROJECT,
});

/**
 * Change a data project's pipelines and preview them, saved or edited: a
 * preview runs the author's pipeline on the warehouse, so it needs the same
 * trust as editing it.
 *
 * @public
 */
export const dataProjectEditPermission = createPermission({
  name: 'data-mesh.project.edit',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_DATA_PROJECT,
});

/**
 * See a data product: its contract, lineage, quality and cost.
 *
 * @public
 */
export const dataProductReadPermission = createPermission({
  name: 'data-mesh.data-product.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_DATA_PRODUCT,
});

/**
 * Ask for access to a data product's data.
 *
 * @public
 */
export const dataProductRequestAccessPermission = createPermission({
  name: 'data-mesh.data-product.request-access',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_DATA_PRODUCT,
});

/**
 * Approve, deny or revoke access to a data product.
 *
 * @public
 */
export const dataProductApprovePermission = createPermission({
  name: 'data-mesh.data-product.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_DATA_PRODUCT,
});

/**
 * See every subscription to every data product, whoever requested or
 * approves it: the platform team's audit view. Without it a user sees the
 * subscriptions of their own teams and of the products they approve.
 *
 * @public
 */
export const dataProductSubscriptionsReadAllPermission = createPermission({
  name: 'data-mesh.subscription.read-all',
  attributes: { action: 'read' },
});

/**
 * The permissions of data projects.
 *
 * @public
 */
export const dataProjectPermissions = [
  dataProjectReadPermission,
  dataProjectRunPermission,
  dataProjectEditPermission,
];

/**
 * The permissions of data products.
 *
 * @public
 */
export const dataProductPermissions = [
  dataProductReadPermission,
  dataProductRequestAccessPermission,
  dataProductApprovePermission,
];

/**
 * The permissions of data products that are not about one product.
 *
 * @public
 */
export const dataProductBasicPermissions = [
  dataProductSubscriptionsReadAllPermission,
];

/**
 * Every permission of the data-mesh plugin.
 *
 * @public
 */
export const dataMeshPermissions = [
  ...dataProjectPermissions,
  ...dataProductPermissions,
  ...dataProductBasicPermissions,
];
