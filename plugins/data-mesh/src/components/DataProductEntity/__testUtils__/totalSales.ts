import {
  ANNOTATION_DATA_PROJECT,
  ANNOTATION_DATASET,
  type DataProductEntityV1alpha1,
  type DataProductQualityRule,
  RULE_KEY_PROPERTY,
} from '@meshwork/data-mesh-common';
import type { ContractColumn } from '../dataProductFacts';

/** A derived column that names its input columns, as ODCS allows. */
const orderCount: ContractColumn = {
  name: 'order_count',
  logicalType: 'integer',
  physicalType: 'bigint',
  description: 'Number of distinct completed orders.',
  transformLogic: 'count(DISTINCT order_id)',
  transformSourceObjects: ['bronze_orders.order_id'],
};

/**
 * A DataProduct shaped like the one the provider emits for Hello World's
 * TotalSales, with one personal-data column added so the PII views have
 * something to show.
 */
export const totalSales: DataProductEntityV1alpha1 = {
  apiVersion: 'meshwork.io/v1alpha1',
  kind: 'DataProduct',
  metadata: {
    name: 'total-sales',
    namespace: 'default',
    title: 'TotalSales',
    description:
      'Completed sales since the first order, per currency and product category.',
  },
  spec: {
    owner: 'group:default/sales-analytics',
    domain: 'domain:default/sales',
    system: 'system:default/sales-insights',
    lifecycle: 'production',
    visibility: 'published',
    layer: 'gold',
    producedBy: 'component:default/hello-world',
    dependsOn: [
      'dataproduct:default/bronze-orders',
      'dataproduct:default/bronze-order-lines',
    ],
    outputPorts: [
      { engine: 'duckdb', table: 'gold.total_sales' },
      { engine: 'databricks', table: 'main.gold.total_sales' },
    ],
    contract: {
      schema: [
        {
          name: 'TotalSales',
          physicalName: 'gold.total_sales',
          properties: [
            {
              name: 'currency',
              logicalType: 'string',
              physicalType: 'string',
              description: 'ISO 4217 currency of the amounts.',
              primaryKey: true,
              tags: ['finance'],
            },
            {
              name: 'category',
              logicalType: 'string',
              physicalType: 'string',
              description: 'Product category.',
              required: true,
            },
            orderCount,
            {
              name: 'net_revenue',
              logicalType: 'number',
              physicalType: 'decimal(22,2)',
              description: 'Sum of line amounts after discount.',
              transformLogic: 'sum(line_amount)',
            },
            {
              name: 'top_customer_email',
              logicalType: 'string',
              physicalType: 'string',
              description: 'E-mail of the customer with the most orders.',
              classification: 'pii',
            },
          ],
          quality: [
            {
              type: 'library',
              rule: 'unique',
              description: 'currency and category are unique together',
            },
            { type: 'library', rule: 'not_null', column: 'category' },
          ],
        },
      ],
      slaProperties: [{ property: 'freshness', value: 26, unit: 'h' }],
    },
  },
};

/**
 * TotalSales annotated with the data project and dataset it comes from,
 * as the provider writes it: the views that ask the backend need them.
 */
export const helloWorldTotalSales: DataProductEntityV1alpha1 = {
  ...totalSales,
  metadata: {
    ...totalSales.metadata,
    annotations: {
      [ANNOTATION_DATA_PROJECT]: 'hello-world',
      [ANNOTATION_DATASET]: 'TotalSales',
    },
  },
};

/** A quality rule as the provider writes it: its key in a custom property. */
export function providerRule(
  key: string,
  name: string,
): DataProductQualityRule {
  return {
    name,
    type: 'library',
    customProperties: [{ property: RULE_KEY_PROPERTY, value: key }],
  };
}
