import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionExports,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  dataProductApprovePermission,
  dataProductRequestAccessPermission,
  dataProductSubscriptionsReadAllPermission,
  dataProjectReadPermission,
  RESOURCE_TYPE_DATA_PRODUCT,
  RESOURCE_TYPE_DATA_PROJECT,
} from '@meshwork/data-mesh-common';
import {
  dataProductPermissionResourceRef,
  dataProjectPermissionResourceRef,
  normalizeOwnerRef,
} from './resources';
import { isDataProductApprover, isDataProjectOwner } from './rules';
import {
  internalDataProductsForOwners,
  isCatalogEntityRead,
} from './dataProductVisibility';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: dataProjectPermissionResourceRef,
  rules: { isDataProjectOwner },
});

/**
 * Conditions over data projects for permission policies
 * (`dataProjectConditions.isDataProjectOwner({ claims })`).
 *
 * @public
 */
export const dataProjectConditions = conditions;

/**
 * A conditional decision over data projects for permission policies.
 *
 * @public
 */
export const createDataProjectConditionalDecision = createConditionalDecision;

const productExports = createConditionExports({
  resourceRef: dataProductPermissionResourceRef,
  rules: { isDataProductApprover },
});

/**
 * Conditions over data products for permission policies
 * (`dataProductConditions.isDataProductApprover({ claims })`).
 *
 * @public
 */
export const dataProductConditions = productExports.conditions;

/**
 * A conditional decision over data products for permission policies.
 *
 * @public
 */
export const createDataProductConditionalDecision =
  productExports.createConditionalDecision;

/**
 * Options of {@link decideDataMeshPermission}.
 *
 * @public
 */
export interface DataMeshPolicyOptions {
  /**
   * The group that runs the platform: its members may read, run and edit
   * every project. Omit it where the platform team must not.
   */
  readonly platformTeam?: string;
}

/**
 * The recommended decisions for the data-mesh plugin's permissions, for a
 * company's permission policy to call: every signed-in user reads data
 * projects; the owning team (its members, through their ownership claims)
 * and the platform team run and edit them; backends calling on their own
 * behalf may do all of it. For the catalog's entity read permission: an
 * `internal` DataProduct is visible to its owners (and the platform team)
 * only, see {@link internalDataProductsForOwners}. For data products:
 * every signed-in user may request access, the product's approvers (see
 * `isDataProductApprover`) approve, deny and revoke it, and the platform
 * team sees every subscription. Undefined for other
 * permissions, and where it does not restrict, so the caller decides.
 *
 * @public
 */
export function decideDataMeshPermission(
  request: PolicyQuery,
  user: PolicyQueryUser | undefined,
  options: DataMeshPolicyOptions = {},
): PolicyDecision | undefined {
  const { permission } = request;
  if (
    isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY) &&
    isCatalogEntityRead(permission)
  ) {
    if (!user || isPlatformMember(user, options)) return undefined;
    return internalDataProductsForOwners(user.info.ownershipEntityRefs);
  }
  if (permission.name === dataProductSubscriptionsReadAllPermission.name) {
    return {
      result:
        !user || isPlatformMember(user, options)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    };
  }
  if (isResourcePermission(permission, RESOURCE_TYPE_DATA_PRODUCT)) {
    return decideDataProductPermission(permission, user);
  }
  if (!isResourcePermission(permission, RESOURCE_TYPE_DATA_PROJECT)) {
    return undefined;
  }
  // No user: another backend on its own behalf, which the deployment
  // trusts; requests without any credentials never get this far.
  if (!user) return { result: AuthorizeResult.ALLOW };
  if (permission.name === dataProjectReadPermission.name) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (isPlatformMember(user, options)) {
    return { result: AuthorizeResult.ALLOW };
  }
  return createDataProjectConditionalDecision(
    permission,
    dataProjectConditions.isDataProjectOwner({
      claims: user.info.ownershipEntityRefs,
    }),
  );
}

/**
 * Any signed-in user may ask for access (whether the product can be
 * requested at all is the subscription service's business: published, not
 * internal); only the product's approvers approve, deny and revoke. Who
 * approves (the owning team, or a central team) the data-mesh backend
 * decides from its config, so the policy holds no copy of it.
 */
function decideDataProductPermission(
  permission: ResourcePermission<typeof RESOURCE_TYPE_DATA_PRODUCT>,
  user: PolicyQueryUser | undefined,
): PolicyDecision | undefined {
  if (!user) return { result: AuthorizeResult.ALLOW };
  if (permission.name === dataProductRequestAccessPermission.name) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (permission.name === dataProductApprovePermission.name) {
    return createDataProductConditionalDecision(
      permission,
      dataProductConditions.isDataProductApprover({
        claims: user.info.ownershipEntityRefs,
      }),
    );
  }
  return undefined;
}

function isPlatformMember(
  user: PolicyQueryUser,
  options: DataMeshPolicyOptions,
): boolean {
  const platform =
    options.platformTeam && normalizeOwnerRef(options.platformTeam);
  return (
    !!platform &&
    user.info.ownershipEntityRefs.some(
      claim => normalizeOwnerRef(claim) === platform,
    )
  );
}
