import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionExports,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  dataProjectReadPermission,
  RESOURCE_TYPE_DATA_PROJECT,
} from '@meshwork/data-mesh-common';
import {
  dataProjectPermissionResourceRef,
  normalizeOwnerRef,
} from './resources';
import { isDataProjectOwner } from './rules';
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
 * only, see {@link internalDataProductsForOwners}. Undefined for other
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
