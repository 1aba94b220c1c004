import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  dataProductApprovePermission,
  dataProductReadPermission,
  dataProductRequestAccessPermission,
  dataProductSubscriptionsReadAllPermission,
} from '@meshwork/data-mesh-common';
import { decideDataMeshPermission } from './conditions';
import { isDataProductApprover } from './rules';

function user(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  } as PolicyQueryUser;
}

const options = { platformTeam: 'group:default/platform-team' };
const fiona = user('user:default/fiona', 'group:default/finance-insights');
const priya = user('user:default/priya', 'group:default/platform-team');

describe('decideDataMeshPermission on data products', () => {
  it('lets every signed-in user and backends request access', () => {
    const request = { permission: dataProductRequestAccessPermission };
    expect(decideDataMeshPermission(request, fiona, options)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(decideDataMeshPermission(request, undefined, options)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets only the product approvers approve, through their claims', () => {
    expect(
      decideDataMeshPermission(
        { permission: dataProductApprovePermission },
        fiona,
        options,
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'data-mesh',
      resourceType: 'data-mesh-data-product',
      conditions: {
        rule: 'IS_DATA_PRODUCT_APPROVER',
        resourceType: 'data-mesh-data-product',
        params: {
          claims: ['user:default/fiona', 'group:default/finance-insights'],
        },
      },
    });
  });

  it('shows every subscription to the platform team only', () => {
    const readAll = { permission: dataProductSubscriptionsReadAllPermission };
    expect(decideDataMeshPermission(readAll, priya, options)?.result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(decideDataMeshPermission(readAll, fiona, options)?.result).toBe(
      AuthorizeResult.DENY,
    );
    // Without a platform team nobody signed in sees them all.
    expect(decideDataMeshPermission(readAll, priya, {})?.result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('leaves reading a product to the caller', () => {
    expect(
      decideDataMeshPermission(
        { permission: dataProductReadPermission },
        fiona,
        options,
      ),
    ).toBeUndefined();
  });
});

describe('isDataProductApprover', () => {
  const product = {
    ref: 'dataproduct:default/total-sales',
    owners: ['group:default/sales-analytics'],
    approvers: ['group:default/sales-analytics'],
  };

  it('matches claims naming an approver, in any case or brevity', () => {
    expect(
      isDataProductApprover.apply(product, {
        claims: ['user:default/sam', 'Group:default/Sales-Analytics'],
      }),
    ).toBe(true);
    expect(
      isDataProductApprover.apply(product, { claims: ['sales-analytics'] }),
    ).toBe(true);
  });

  it('does not match the owners of other products', () => {
    expect(
      isDataProductApprover.apply(product, {
        claims: ['user:default/mona', 'group:default/marketing-analytics'],
      }),
    ).toBe(false);
  });
});
