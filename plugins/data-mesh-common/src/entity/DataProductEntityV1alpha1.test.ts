import { Entity } from '@backstage/catalog-model';
import {
  dataProductEntityV1alpha1Validator as validator,
  isDataProductEntity,
} from './DataProductEntityV1alpha1';

function dataProduct(spec: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'meshwork.io/v1alpha1',
    kind: 'DataProduct',
    metadata: { name: 'total-sales' },
    spec: {
      owner: 'group:default/sales-analytics',
      lifecycle: 'production',
      visibility: 'published',
      layer: 'gold',
      ...spec,
    },
  };
}

describe('dataProductEntityV1alpha1Validator', () => {
  it('accepts a minimal data product', async () => {
    await expect(validator.check(dataProduct())).resolves.toBe(true);
  });

  it('accepts a data product with an ODCS-shaped contract', async () => {
    const entity = dataProduct({
      contract: {
        schema: [
          {
            name: 'total_sales',
            properties: [
              { name: 'customer_id', logicalType: 'integer', primaryKey: true },
              {
                name: 'email',
                logicalType: 'string',
                classification: 'pii',
                tags: ['pii:email'],
              },
            ],
          },
        ],
        quality: [{ type: 'library', rule: 'rowCount', mustBeGreaterThan: 0 }],
        slaProperties: [{ property: 'freshness', value: 24, unit: 'h' }],
      },
      outputPorts: [{ engine: 'duckdb', table: 'gold.total_sales' }],
    });
    await expect(validator.check(entity)).resolves.toBe(true);
  });

  it('ignores entities of other kinds', async () => {
    await expect(
      validator.check({ ...dataProduct(), kind: 'Component' }),
    ).resolves.toBe(false);
  });

  it('rejects a data product without an owner, naming the field', async () => {
    const entity = dataProduct();
    delete (entity.spec as Record<string, unknown>).owner;
    await expect(validator.check(entity)).rejects.toThrow(/owner/);
  });

  it('rejects an unknown layer', async () => {
    await expect(
      validator.check(dataProduct({ layer: 'platinum' })),
    ).rejects.toThrow(/layer/);
  });

  it('rejects a containsPii flag that is not a boolean, naming the field', async () => {
    await expect(
      validator.check(dataProduct({ containsPii: 'yes' })),
    ).rejects.toThrow(/containsPii/);
  });

  it('rejects an output port without a table, naming the field', async () => {
    await expect(
      validator.check(
        dataProduct({
          outputPorts: [{ engine: 'databricks', target: 'prod' }],
        }),
      ),
    ).rejects.toThrow(/table/);
  });

  it('accepts consuming teams, with or without their columns', async () => {
    const entity = dataProduct({
      consumers: [
        {
          team: 'group:default/finance-insights',
          since: '2026-12-05T10:00:00.000Z',
        },
        {
          team: 'group:default/marketing-analytics',
          since: '2026-12-06T10:00:00.000Z',
          columns: ['order_date', 'net_amount'],
        },
      ],
    });
    await expect(validator.check(entity)).resolves.toBe(true);
  });

  it('rejects a consumer without a team, naming the field', async () => {
    await expect(
      validator.check(
        dataProduct({ consumers: [{ since: '2026-12-05T10:00:00.000Z' }] }),
      ),
    ).rejects.toThrow(/consumers\/0.*team/);
  });

  it('rejects a consumer with an empty column list', async () => {
    await expect(
      validator.check(
        dataProduct({
          consumers: [
            {
              team: 'group:default/finance-insights',
              since: '2026-12-05T10:00:00.000Z',
              columns: [],
            },
          ],
        }),
      ),
    ).rejects.toThrow(/consumers\/0\/columns/);
  });

  it('rejects a contract column without a name', async () => {
    const entity = dataProduct({
      contract: { schema: [{ name: 't', properties: [{ logicalType: 'x' }] }] },
    });
    await expect(validator.check(entity)).rejects.toThrow(/name/);
  });
});

describe('isDataProductEntity', () => {
  it('recognises only the Meshwork apiVersion', () => {
    expect(isDataProductEntity(dataProduct())).toBe(true);
    expect(
      isDataProductEntity({ ...dataProduct(), apiVersion: 'other.io/v1' }),
    ).toBe(false);
  });
});
