import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchPlugin from '@backstage/plugin-search-backend';
import request from 'supertest';
import { manualScheduler } from './__testUtils__/manualScheduler';
import {
  dataProduct,
  helloWorldComponent,
  totalSales,
} from './__fixtures__/dataProducts';
import { searchModuleDataProductCollator } from './module';

/** Starts the search plugin with the module and builds the index once. */
async function startSearch() {
  const { scheduler, factory: schedulerFactory } = manualScheduler();
  const { server } = await startTestBackend({
    features: [
      searchPlugin,
      searchModuleDataProductCollator,
      schedulerFactory,
      catalogServiceMock.factory({
        entities: [
          totalSales,
          dataProduct('orders', {
            title: 'Orders',
            description: 'Every order line of the shop.',
            layer: 'silver',
          }),
          helloWorldComponent,
        ],
      }),
    ],
  });
  await scheduler.triggerTask('search_index_data_product');
  return server;
}

async function search(
  server: Awaited<ReturnType<typeof startSearch>>,
  query: string,
) {
  return request(server)
    .get(`/api/search/query?${query}`)
    .set('Authorization', mockCredentials.user.header());
}

describe('searchModuleDataProductCollator', () => {
  it('finds a data product by the description of one of its columns', async () => {
    const server = await startSearch();

    const res = await search(
      server,
      'term=revenue%20after%20discounts&types%5B0%5D=data-product',
    );

    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(1);
    expect(res.body.results[0]).toMatchObject({
      type: 'data-product',
      document: {
        title: 'TotalSales',
        location: '/catalog/default/dataproduct/total-sales',
        layer: 'gold',
        owner: 'group:default/sales-analytics',
        containsPii: true,
        freshnessSlaHours: 24,
      },
    });
  });

  it('filters data products on their layer', async () => {
    const server = await startSearch();

    const res = await search(
      server,
      'types%5B0%5D=data-product&filters%5Blayer%5D=silver&term=order',
    );

    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => r.document.title)).toEqual([
      'Orders',
    ]);
  });
});
