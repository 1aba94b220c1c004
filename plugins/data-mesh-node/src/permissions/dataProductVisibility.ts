import {
  catalogEntityReadPermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';

/** A condition on catalog entities, by the catalog's own rule names. */
const entityCondition = (rule: string, params: Record<string, unknown>) => ({
  rule,
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
  params: params as any,
});

/**
 * Reading catalog entities as the given ownership claims may: every entity
 * except an `internal` DataProduct, which only its owners see. Built from
 * the catalog's permission rules (`IS_ENTITY_KIND`, `HAS_SPEC`,
 * `IS_ENTITY_OWNER`), so the catalog filters lists, search and single
 * reads alike.
 *
 * @public
 */
export function internalDataProductsForOwners(
  claims: readonly string[],
): PolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'catalog',
    resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
    conditions: {
      anyOf: [
        {
          not: {
            allOf: [
              entityCondition('IS_ENTITY_KIND', { kinds: ['DataProduct'] }),
              entityCondition('HAS_SPEC', {
                key: 'visibility',
                value: 'internal',
              }),
            ],
          },
        },
        entityCondition('IS_ENTITY_OWNER', { claims: [...claims] }),
      ],
    },
  };
}

/** Whether the request is the catalog's entity read permission. */
export function isCatalogEntityRead(permission: { name: string }): boolean {
  return permission.name === catalogEntityReadPermission.name;
}
