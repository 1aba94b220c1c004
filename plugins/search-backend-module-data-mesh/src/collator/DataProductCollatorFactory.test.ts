import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import {
  dataProduct,
  helloWorldComponent,
  totalSales,
} from '../__fixtures__/dataProducts';
import {
  DataProductFacts,
  DataProductFactsReader,
  NO_FACTS,
} from '../facts/DataProductFacts';
import { DataProductCollatorFactory } from './DataProductCollatorFactory';
import { DataProductDocument } from './DataProductDocument';

function factsReader(
  facts: DataProductFacts = NO_FACTS,
): DataProductFactsReader {
  return { read: jest.fn(async () => facts) };
}

function collatorFactory(
  options: {
    entities?: Entity[];
    config?: object;
    facts?: DataProductFactsReader;
  } = {},
) {
  const catalog = catalogServiceMock({
    entities: options.entities ?? [totalSales, helloWorldComponent],
  });
  return DataProductCollatorFactory.fromConfig(
    mockServices.rootConfig({ data: options.config ?? {} }),
    {
      auth: mockServices.auth(),
      catalog,
      logger: mockServices.logger.mock(),
      facts: options.facts ?? factsReader(),
    },
  );
}

async function collate(factory: DataProductCollatorFactory) {
  const { documents } = await TestPipeline.fromCollator(
    await factory.getCollator(),
  ).execute();
  return documents as DataProductDocument[];
}

describe('DataProductCollatorFactory', () => {
  it('indexes DataProducts only, linked to their entity page and guarded by the entity', async () => {
    const documents = await collate(collatorFactory());

    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({
      title: 'TotalSales',
      location: '/catalog/default/dataproduct/total-sales',
      authorization: { resourceRef: 'dataproduct:default/total-sales' },
      owner: 'group:default/sales-analytics',
      layer: 'gold',
    });
  });

  it('declares its type and the catalog read permission for result filtering', () => {
    const factory = collatorFactory();

    expect(factory.type).toBe('data-product');
    expect(factory.visibilityPermission?.name).toBe('catalog.entity.read');
  });

  it('pages through the catalog', async () => {
    const entities = Array.from({ length: 7 }, (_, i) =>
      dataProduct(`product-${i}`),
    );

    const documents = await collate(
      collatorFactory({
        entities,
        config: { search: { collators: { dataProduct: { batchSize: 3 } } } },
      }),
    );

    expect(documents.map(d => d.name).sort()).toEqual(
      entities.map(e => e.metadata.name).sort(),
    );
  });

  it('reads the facts once per run and ranks each product with them', async () => {
    const facts = factsReader({
      freshness: key => (key.dataset === 'TotalSales' ? 'fresh' : 'stale'),
      qualityScore: async key => (key.dataset === 'TotalSales' ? 1 : 0.5),
    });
    const documents = await collate(
      collatorFactory({
        entities: [totalSales, dataProduct('orders', { title: 'Orders' })],
        facts,
      }),
    );

    expect(facts.read).toHaveBeenCalledTimes(1);
    expect(Object.fromEntries(documents.map(d => [d.title, d.rank]))).toEqual({
      TotalSales: 0.75,
      Orders: 0.19,
    });
  });

  it('uses the configured location template', async () => {
    const documents = await collate(
      collatorFactory({
        config: {
          search: {
            collators: {
              dataProduct: { locationTemplate: '/data/:namespace/:name' },
            },
          },
        },
      }),
    );

    expect(documents[0].location).toBe('/data/default/total-sales');
  });

  it('rejects a batch size that is not a positive integer, naming the key', () => {
    expect(() =>
      collatorFactory({
        config: { search: { collators: { dataProduct: { batchSize: 0 } } } },
      }),
    ).toThrow(/search\.collators\.dataProduct\.batchSize/);
  });
});
