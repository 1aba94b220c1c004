import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { decideDataMeshPermission } from './conditions';

function user(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  } as PolicyQueryUser;
}

const read = { permission: catalogEntityReadPermission };
const options = { platformTeam: 'group:default/platform-team' };

describe('decideDataMeshPermission on catalog reads', () => {
  it('lets a user read internal DataProducts only of the groups they belong to', () => {
    expect(
      decideDataMeshPermission(
        read,
        user('user:default/sofia', 'group:default/sales-analytics'),
        options,
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: [
          {
            not: {
              allOf: [
                {
                  rule: 'IS_ENTITY_KIND',
                  resourceType: 'catalog-entity',
                  params: { kinds: ['DataProduct'] },
                },
                {
                  rule: 'HAS_SPEC',
                  resourceType: 'catalog-entity',
                  params: { key: 'visibility', value: 'internal' },
                },
              ],
            },
          },
          {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: {
              claims: ['user:default/sofia', 'group:default/sales-analytics'],
            },
          },
        ],
      },
    });
  });

  it('leaves the platform team and backends to the caller', () => {
    expect(
      decideDataMeshPermission(
        read,
        user('user:default/priya', 'group:default/platform-team'),
        options,
      ),
    ).toBeUndefined();
    expect(decideDataMeshPermission(read, undefined, options)).toBeUndefined();
  });
});
