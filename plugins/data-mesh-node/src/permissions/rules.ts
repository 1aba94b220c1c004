import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import {
  dataProductPermissionResourceRef,
  dataProjectPermissionResourceRef,
  normalizeOwnerRef,
} from './resources';

/**
 * Matches data projects owned by one of the given claims: a user's
 * ownership entity refs (themselves and their groups), as the catalog's
 * `IS_ENTITY_OWNER` rule does for entities.
 *
 * @public
 */
export const isDataProjectOwner = createPermissionRule({
  name: 'IS_DATA_PROJECT_OWNER',
  description: 'Allow data projects owned by one of the given claims',
  resourceRef: dataProjectPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs of which at least one must own the project'),
  }),
  apply: (project, { claims }) => {
    const mine = new Set(claims.map(normalizeOwnerRef));
    return project.owners.some(owner => mine.has(owner));
  },
  toQuery: ({ claims }) => ({ owners: claims.map(normalizeOwnerRef) }),
});

/**
 * The permission rules of data projects.
 *
 * @public
 */
export const dataProjectPermissionRules = [isDataProjectOwner];

/**
 * Matches data products whose access one of the given claims approves: a
 * user's ownership entity refs against the product's approvers.
 *
 * @public
 */
export const isDataProductApprover = createPermissionRule({
  name: 'IS_DATA_PRODUCT_APPROVER',
  description:
    'Allow data products whose access one of the given claims approves',
  resourceRef: dataProductPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        'Entity refs of which at least one must approve access to the product',
      ),
  }),
  apply: (product, { claims }) => {
    const mine = new Set(claims.map(normalizeOwnerRef));
    return product.approvers.some(approver => mine.has(approver));
  },
  toQuery: () => {
    throw new Error('Data products are not listed through permission queries');
  },
});

/**
 * The permission rules of data products.
 *
 * @public
 */
export const dataProductPermissionRules = [isDataProductApprover];
