import type { Entity } from '@backstage/catalog-model';

/** A DataProduct as the provider publishes it, with what the filters read. */
export function dataProduct(
  name: string,
  spec: { domain: string; layer: string; containsPii: boolean },
  project = 'hello-world',
): Entity {
  return {
    apiVersion: 'meshwork.io/v1alpha1',
    kind: 'DataProduct',
    metadata: {
      name: name.toLowerCase(),
      title: name,
      annotations: {
        'meshwork.io/project': project,
        'meshwork.io/dataset': name,
      },
    },
    spec: {
      owner: 'group:default/sales-analytics',
      lifecycle: 'production',
      visibility: 'published',
      ...spec,
    },
  };
}

export const totalSales = dataProduct('TotalSales', {
  domain: 'sales',
  layer: 'gold',
  containsPii: false,
});
export const customers = dataProduct('Customers', {
  domain: 'sales',
  layer: 'silver',
  containsPii: true,
});
export const ledger = dataProduct(
  'Ledger',
  { domain: 'finance', layer: 'bronze', containsPii: false },
  'finance-books',
);
/** Another kind with a `spec.domain`, whose domain no DataProduct has. */
export const platformSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'platform' },
  spec: { owner: 'group:default/platform', domain: 'platform' },
};
