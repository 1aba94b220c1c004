import { compileProject } from '../projectCompiler';
import { helloWorldFiles } from '../projectCompiler/__testUtils__/projects';
import type { ManifestDataset, ManifestProject } from '../manifest';
import { datasetToOdcs } from '../odcs';
import type { QualityRule } from '../project';
import { qualityRuleKeys, qualityRuleLabel } from '../quality';
import { dataProductRuleKey, RULE_KEY_PROPERTY } from './dataProductContract';
import { dataProductEntityName } from './dataProductEntityName';
import { containsPii } from './dataProductFacts';
import {
  DataProductContract,
  DataProductEntityV1alpha1,
  dataProductEntityV1alpha1Validator,
  DataProductQualityRule,
} from './DataProductEntityV1alpha1';
import {
  datasetToDataProductEntity,
  manifestToDataProductEntities,
} from './datasetToDataProductEntity';

const helloWorld = compileProject(helloWorldFiles()).manifest;
const options = {
  producedBy: 'component:default/hello-world',
  lifecycle: 'experimental',
};
const products = manifestToDataProductEntities(helloWorld, options);

function product(name: string): DataProductEntityV1alpha1 {
  const found = products.find(p => p.metadata.name === name);
  if (!found) throw new Error(`no product ${name}`);
  return found;
}

function columnsOf(entity: DataProductEntityV1alpha1) {
  return entity.spec.contract!.schema![0].properties!;
}

/** A contract's schema without what the entity adds to each rule. */
function stripNames(schema: DataProductContract['schema']) {
  const strip = (rules?: DataProductQualityRule[]) =>
    rules?.map(({ name: _name, customProperties, ...rule }) => ({
      ...rule,
      customProperties: (
        customProperties as Array<{ property: string }>
      ).filter(p => p.property !== RULE_KEY_PROPERTY),
    }));
  return schema?.map(object => ({
    ...object,
    ...(object.quality && { quality: strip(object.quality) }),
    properties: object.properties?.map(p => ({
      ...p,
      ...(p.quality && { quality: strip(p.quality) }),
    })),
  }));
}

/** A small dataset of a small project, for the cases Hello World lacks. */
const project: ManifestProject = {
  name: 'shop',
  owner: 'group:default/shop',
  domain: 'sales',
  engine: { defaultDialect: 'spark', targets: {} },
};
function dataset(change: Partial<ManifestDataset> = {}): ManifestDataset {
  return {
    name: 'Orders',
    file: 'datasets/Orders.dataset.yaml',
    table: 'silver.orders',
    tables: {},
    layer: 'silver',
    visibility: 'internal',
    owner: 'group:default/shop',
    contract: {
      columns: [
        { name: 'id', type: 'bigint' },
        { name: 'amount', type: 'decimal(10,2)' },
        { name: 'placed_at', type: 'timestamp' },
        { name: 'span', type: 'interval day' },
      ],
    },
    upstream: [],
    downstream: [],
    lineage: [],
    ...change,
  };
}

describe('datasetToDataProductEntity on Hello World', () => {
  it('makes one valid DataProduct per dataset, internal ones included', async () => {
    expect(products.map(p => p.metadata.title)).toEqual(
      helloWorld.datasets.map(d => d.name),
    );
    expect(products.map(p => p.metadata.name)).toContain('bronze-orders');
    for (const entity of products) {
      await expect(
        dataProductEntityV1alpha1Validator.check(entity),
      ).resolves.toBe(true);
    }
  });

  it('takes owner, domain, system and lifecycle from the project and the Component, layer and visibility from the dataset', () => {
    const totalSales = product('total-sales');
    expect(totalSales.metadata).toMatchObject({
      title: 'TotalSales',
      tags: ['gold'],
      annotations: {
        'meshwork.io/project': 'hello-world',
        'meshwork.io/dataset': 'TotalSales',
        'meshwork.io/dataset-file': 'datasets/TotalSales.dataset.yaml',
      },
    });
    expect(totalSales.metadata.namespace).toBeUndefined();
    expect(totalSales.spec).toMatchObject({
      owner: 'group:default/sales-analytics',
      domain: 'sales',
      system: 'sales-insights',
      lifecycle: 'experimental',
      visibility: 'published',
      layer: 'gold',
      producedBy: 'component:default/hello-world',
      containsPii: false,
    });
    expect(product('bronze-orders').spec).toMatchObject({
      visibility: 'internal',
      layer: 'bronze',
    });
  });

  it('depends on the upstream datasets its pipelines read', () => {
    expect(product('silver-customer-accounts').spec.dependsOn).toEqual([
      'dataproduct:default/bronze-accounts',
      'dataproduct:default/bronze-customers',
    ]);
    expect(product('bronze-orders').spec.dependsOn).toBeUndefined();
  });

  it('does not make a published product depend on internal datasets, which its consumers cannot see', () => {
    // TotalSales reads three internal bronze datasets.
    expect(product('total-sales').spec.visibility).toBe('published');
    expect(product('total-sales').spec.dependsOn).toBeUndefined();

    const published = dataset({ upstream: ['raw_orders', 'fx_rates'] });
    const entity = datasetToDataProductEntity(
      { ...published, visibility: 'published' },
      {
        project,
        producedBy: 'component:default/shop',
        lifecycle: 'production',
        internalDatasets: new Set(['raw_orders']),
      },
    );
    expect(entity.spec.dependsOn).toEqual(['dataproduct:default/fx-rates']);

    const internal = datasetToDataProductEntity(
      { ...published, visibility: 'internal' },
      {
        project,
        producedBy: 'component:default/shop',
        lifecycle: 'production',
        internalDatasets: new Set(['raw_orders']),
      },
    );
    expect(internal.spec.dependsOn).toEqual([
      'dataproduct:default/raw-orders',
      'dataproduct:default/fx-rates',
    ]);
  });

  it('maps the contract columns with ODCS types and the formulas that derive them', () => {
    const columns = columnsOf(product('total-sales'));
    expect(columns.find(c => c.name === 'order_count')).toMatchObject({
      name: 'order_count',
      logicalType: 'integer',
      physicalType: 'bigint',
      description: 'Number of distinct completed orders.',
      transformLogic: 'count(DISTINCT order_id)',
      transformSourceObjects: ['bronze_orders.order_id'],
    });
    expect(columns.find(c => c.name === 'net_revenue')).toMatchObject({
      logicalType: 'number',
      physicalType: 'decimal(22,2)',
      transformLogic: 'sum(line_amount)',
    });
    expect(columns.find(c => c.name === 'first_order_date')!.logicalType).toBe(
      'date',
    );
    expect(columnsOf(product('bronze-orders'))[0].transformLogic).toBe(
      undefined,
    );
  });

  it('carries the contract exactly as the dataset exports to ODCS, rules named and keyed', () => {
    for (const declared of helloWorld.datasets) {
      const entity = product(dataProductEntityName(declared.name));
      const odcs = datasetToOdcs({
        dataset: declared,
        project: helloWorld.project,
      });
      const contract = entity.spec.contract!;
      expect(contract.slaProperties).toEqual(odcs.slaProperties);
      expect(stripNames(contract.schema)).toEqual(odcs.schema);
    }
  });

  it('puts single-column rules on their column and the others on the table', () => {
    const totalSales = product('total-sales');
    const columns = columnsOf(totalSales);
    expect(columns.find(c => c.name === 'currency')!.quality).toEqual([
      expect.objectContaining({
        name: 'accepted_values(currency)',
        type: 'library',
        metric: 'invalidValues',
        arguments: { validValues: ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY'] },
        customProperties: expect.arrayContaining([
          { property: RULE_KEY_PROPERTY, value: 'accepted_values:currency' },
        ]),
      }),
    ]);
    expect(totalSales.spec.contract!.schema![0].quality).toEqual([
      expect.objectContaining({
        name: 'unique(currency, category)',
        metric: 'duplicateValues',
        arguments: { properties: ['currency', 'category'] },
        customProperties: expect.arrayContaining([
          { property: RULE_KEY_PROPERTY, value: 'unique:currency,category' },
        ]),
      }),
    ]);
  });

  it('states the freshness SLA and the table of the schema object', () => {
    const contract = product('total-sales').spec.contract!;
    expect(contract.slaProperties).toEqual([
      { property: 'latency', value: 26, unit: 'h' },
    ]);
    expect(contract.schema![0]).toMatchObject({
      name: 'TotalSales',
      physicalName: 'gold.total_sales',
    });
    expect(
      product('bronze-orders').spec.contract!.slaProperties,
    ).toBeUndefined();
  });

  it('has one output port per engine target', () => {
    expect(product('total-sales').spec.outputPorts).toEqual([
      { engine: 'duckdb', table: 'gold.total_sales' },
      { engine: 'databricks', target: 'dev', table: 'dev.gold.total_sales' },
      { engine: 'databricks', target: 'prod', table: 'main.gold.total_sales' },
    ]);
  });

  it('flags and tags products with a column classified pii', () => {
    const customerOrder = product('customer-order');
    expect(customerOrder.spec.containsPii).toBe(true);
    expect(customerOrder.metadata.tags).toEqual(['gold', 'pii']);
    expect(
      columnsOf(customerOrder).find(c => c.name === 'email'),
    ).toMatchObject({ classification: 'pii', tags: ['email'] });
  });
});

describe('datasetToDataProductEntity', () => {
  it('points a product of a repository project at its dataset file', () => {
    const entity = datasetToDataProductEntity(dataset(), {
      ...options,
      project,
      location: {
        type: 'url',
        target: 'https://github.com/acme/shop/tree/main/data',
      },
    });
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location':
        'url:https://github.com/acme/shop/tree/main/data/datasets/Orders.dataset.yaml',
      'backstage.io/managed-by-origin-location':
        'url:https://github.com/acme/shop/tree/main/data/datasets/Orders.dataset.yaml',
      'backstage.io/source-location':
        'url:https://github.com/acme/shop/tree/main/data/',
      'backstage.io/view-url':
        'https://github.com/acme/shop/tree/main/data/datasets/Orders.dataset.yaml',
    });
  });

  it('points a product of a local project at the file on disk', () => {
    const entity = datasetToDataProductEntity(dataset(), {
      ...options,
      project,
      location: { type: 'file', target: '/repos/shop/' },
    });
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location':
        'file:/repos/shop/datasets/Orders.dataset.yaml',
    });
    expect(
      entity.metadata.annotations!['backstage.io/view-url'],
    ).toBeUndefined();
  });

  it('lives in the namespace of its Component, and so do its dependencies', async () => {
    const entity = datasetToDataProductEntity(
      dataset({ upstream: ['raw_orders'] }),
      {
        project,
        producedBy: 'component:finance/shop',
        lifecycle: 'production',
      },
    );
    expect(entity.metadata.namespace).toBe('finance');
    expect(entity.spec.producedBy).toBe('component:finance/shop');
    expect(entity.spec.dependsOn).toEqual(['dataproduct:finance/raw-orders']);
    expect(entity.spec.system).toBeUndefined();
    await expect(
      dataProductEntityV1alpha1Validator.check(entity),
    ).resolves.toBe(true);
  });

  it('names and keys every kind of quality rule, wherever ODCS puts it', async () => {
    const rules: QualityRule[] = [
      { check: 'not_null', column: 'id' },
      { check: 'not_null', column: 'id' },
      { check: 'unique', columns: ['id'] },
      { check: 'regex', column: 'id', pattern: '^[0-9]+$' },
      { check: 'range', column: 'amount', min: 0, max: 100 },
      { check: 'freshness', column: 'placed_at', maxAgeHours: 6 },
      { check: 'row_count', min: 1 },
      { check: 'row_count' },
      {
        check: 'custom_sql',
        description: 'No refunds above the amount',
        sql: 'SELECT * FROM Orders WHERE amount < 0',
      },
    ];
    const entity = datasetToDataProductEntity(
      dataset({ contract: { ...dataset().contract, quality: rules } }),
      { ...options, project },
    );
    const [object] = entity.spec.contract!.schema!;
    const all = [
      ...(object.quality ?? []),
      ...object.properties!.flatMap(p => p.quality ?? []),
    ];
    // The key the pages match results by is the one results are stored under.
    const keyOf = (rule: DataProductQualityRule) => dataProductRuleKey(rule);
    expect(all.map(rule => [keyOf(rule), rule.name]).sort()).toEqual(
      qualityRuleKeys(rules)
        .map((key, i) => [key, qualityRuleLabel(rules[i])])
        .sort(),
    );
    expect(all.map(keyOf)).toContain('not_null:id~2');
    await expect(
      dataProductEntityV1alpha1Validator.check(entity),
    ).resolves.toBe(true);
  });

  it('flags a product whose column is only tagged pii, as the pages and search do', () => {
    const tagged = dataset({
      contract: {
        columns: [
          { name: 'id', type: 'bigint' },
          { name: 'phone', type: 'string', tags: ['PII'] },
        ],
      },
    });
    const entity = datasetToDataProductEntity(tagged, { ...options, project });
    expect(entity.spec.containsPii).toBe(true);
    expect(entity.metadata.tags).toEqual(['silver', 'pii']);
    expect(containsPii(entity)).toBe(true);
    expect(
      datasetToDataProductEntity(dataset(), { ...options, project }).spec
        .containsPii,
    ).toBe(false);
  });

  it('makes no products of a project whose meshwork.yaml is broken', () => {
    expect(
      manifestToDataProductEntities({ datasets: [dataset()] }, options),
    ).toEqual([]);
  });
});

describe('dataProductRuleKey', () => {
  it('reads the key the provider writes, else the ODCS id', () => {
    expect(
      dataProductRuleKey({
        id: 'ignored',
        customProperties: [
          { property: 'meshworkRuleIndex', value: 0 },
          { property: RULE_KEY_PROPERTY, value: 'unique:currency,category' },
        ],
      }),
    ).toBe('unique:currency,category');
    expect(dataProductRuleKey({ id: 'rows-present' })).toBe('rows-present');
    expect(
      dataProductRuleKey({
        customProperties: [{ property: RULE_KEY_PROPERTY }],
      }),
    ).toBeUndefined();
    expect(
      dataProductRuleKey({ customProperties: 'not a list' }),
    ).toBeUndefined();
  });
});
