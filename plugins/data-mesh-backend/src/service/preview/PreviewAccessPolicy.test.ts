import type { ManifestDatasetDeclaration } from '@meshwork/data-mesh-common';
import { PreviewAccessPolicy } from './PreviewAccessPolicy';

const dataset = {
  name: 'Customers',
  table: 'gold.customers',
  owner: 'group:default/sales-analytics',
  contract: {
    columns: [
      { name: 'customer_id', type: 'bigint' },
      { name: 'email', type: 'string', classification: 'pii' },
      { name: 'country', type: 'string' },
    ],
  },
} as unknown as ManifestDatasetDeclaration;
const project = { name: 'hello-world', owner: 'sales-analytics' } as any;

const fiona = {
  userEntityRef: 'user:default/fiona',
  ownershipEntityRefs: ['user:default/fiona', 'group:default/finance-insights'],
};

function policyWith(grants: Array<{ team: string; columns?: string[] }>) {
  return new PreviewAccessPolicy({
    subscriptions: {
      listGranted: async ({ project: p, dataset: d, teams }) =>
        p === 'hello-world' && d === 'Customers'
          ? grants.filter(g => teams.includes(g.team))
          : [],
    },
  });
}

describe('PreviewAccessPolicy', () => {
  it('lets the owning team see everything', async () => {
    const sam = {
      userEntityRef: 'user:default/sam',
      ownershipEntityRefs: ['group:default/sales-analytics'],
    };
    const policy = policyWith([]);
    await expect(
      policy.datasetAccess({ user: sam, project, dataset }),
    ).resolves.toEqual({ kind: 'owner' });
    await expect(
      policy.canSeeUnmasked({ user: sam, project, dataset }),
    ).resolves.toBe(true);
  });

  it('gives nobody else any access without a granted subscription', async () => {
    const policy = policyWith([{ team: 'group:default/marketing-analytics' }]);
    await expect(
      policy.datasetAccess({ user: fiona, project, dataset }),
    ).resolves.toBeUndefined();
    await expect(
      policy.canSeeUnmasked({ user: fiona, project, dataset }),
    ).resolves.toBe(false);
  });

  it('lets a subscriber see the granted columns, PII only where granted', async () => {
    const partial = policyWith([
      { team: 'group:default/finance-insights', columns: ['country', 'customer_id'] },
    ]);
    await expect(
      partial.datasetAccess({ user: fiona, project, dataset }),
    ).resolves.toEqual({
      kind: 'subscriber',
      columns: ['customer_id', 'country'],
    });
    await expect(
      partial.canSeeUnmasked({ user: fiona, project, dataset }),
    ).resolves.toBe(false);

    const withEmail = policyWith([
      { team: 'group:default/finance-insights', columns: ['email'] },
    ]);
    await expect(
      withEmail.canSeeUnmasked({ user: fiona, project, dataset, column: 'email' }),
    ).resolves.toBe(true);

    const all = policyWith([{ team: 'group:default/finance-insights' }]);
    await expect(
      all.datasetAccess({ user: fiona, project, dataset }),
    ).resolves.toEqual({
      kind: 'subscriber',
      columns: ['customer_id', 'email', 'country'],
    });
    await expect(
      all.canSeeUnmasked({ user: fiona, project, dataset }),
    ).resolves.toBe(true);
  });
});
