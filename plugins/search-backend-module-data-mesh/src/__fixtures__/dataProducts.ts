import { Entity } from '@backstage/catalog-model';
import { DataProductEntity } from '@meshwork/data-mesh-common';

/** A DataProduct shaped like Hello World's TotalSales, with overrides. */
export function dataProduct(
  name: string,
  overrides: Partial<DataProductEntity['spec']> & {
    title?: string;
    description?: string;
    dataset?: string;
  } = {},
): DataProductEntity {
  const { title, description, dataset, ...spec } = overrides;
  return {
    apiVersion: 'meshwork.io/v1alpha1',
    kind: 'DataProduct',
    metadata: {
      name,
      namespace: 'default',
      title: title ?? name,
      ...(description !== undefined && { description }),
      annotations: {
        'meshwork.io/project': 'hello-world',
        'meshwork.io/dataset': dataset ?? title ?? name,
      },
    },
    spec: {
      owner: 'group:default/sales-analytics',
      domain: 'sales',
      lifecycle: 'production',
      visibility: 'published',
      layer: 'gold',
      ...spec,
    },
  };
}

export const totalSales = dataProduct('total-sales', {
  title: 'TotalSales',
  description: 'Net sales per customer and month.',
  containsPii: true,
  contract: {
    schema: [
      {
        name: 'TotalSales',
        properties: [
          { name: 'customer_id', logicalType: 'integer' },
          {
            name: 'email',
            logicalType: 'string',
            description: 'Where the customer gets invoices',
            classification: 'pii',
          },
          {
            name: 'net_amount',
            logicalType: 'number',
            description: 'Revenue after discounts',
            transformLogic: 'quantity * unit_price - discount',
          },
        ],
      },
    ],
    slaProperties: [{ property: 'latency', value: 24, unit: 'h' }],
  },
});

export const helloWorldComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'hello-world', namespace: 'default' },
  spec: {
    type: 'data-project',
    owner: 'sales-analytics',
    lifecycle: 'production',
  },
};
