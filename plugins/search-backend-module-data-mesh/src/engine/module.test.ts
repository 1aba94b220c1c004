import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchPlugin from '@backstage/plugin-search-backend';
import techdocsCollatorModule from '@backstage/plugin-search-backend-module-techdocs';
import request from 'supertest';
import { manualScheduler } from '../__testUtils__/manualScheduler';
import { helloWorldComponent } from '../__fixtures__/dataProducts';
import { searchModuleRankedLunrEngine } from './module';

/**
 * The portal's search as the demo runs it: the TechDocs collator over a
 * catalog in which no entity has docs yet, so its index stays empty.
 */
async function startSearch(
  features: Array<typeof searchModuleRankedLunrEngine>,
) {
  const { scheduler, factory: schedulerFactory } = manualScheduler();
  const { server } = await startTestBackend({
    features: [
      searchPlugin,
      techdocsCollatorModule,
      ...features,
      schedulerFactory,
      catalogServiceMock.factory({ entities: [helloWorldComponent] }),
    ],
  });
  await scheduler.triggerTask('search_index_techdocs');
  return request(server)
    .get('/api/search/query?types%5B0%5D=techdocs')
    .set('Authorization', mockCredentials.user.header());
}

describe('searchModuleRankedLunrEngine', () => {
  it('answers the Documentation filter with no results while nothing has docs', async () => {
    const res = await startSearch([searchModuleRankedLunrEngine]);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ results: [], numberOfResults: 0 });
  });

  it('is needed: the search plugin alone answers that query with a 500', async () => {
    const res = await startSearch([]);

    expect(res.status).toBe(500);
    expect(res.body.error.name).toBe('MissingIndexError');
  });
});
