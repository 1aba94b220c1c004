import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import path from 'node:path';
import request from 'supertest';
import { catalogModuleDataMesh } from './module';

jest.setTimeout(120_000);

const world = path.resolve(__dirname, '__fixtures__/world.yaml');

async function poll<T>(fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe('catalogModuleDataMesh', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  it.each(databases.eachSupportedId())(
    'ingests DataProducts with their relations on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleDataMesh,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { milliseconds: 200 },
                rules: [
                  { allow: ['Group', 'Domain', 'Component', 'DataProduct'] },
                ],
                locations: [{ type: 'file', target: world }],
              },
            },
          }),
        ],
      });

      const product = await poll(async () => {
        const res = await request(server).get(
          '/api/catalog/entities/by-name/dataproduct/default/total-sales',
        );
        return res.status === 200 && res.body.relations?.length
          ? res.body
          : undefined;
      });
      expect(
        product.relations
          .map(
            (r: { type: string; targetRef: string }) =>
              `${r.type} ${r.targetRef}`,
          )
          .sort(),
      ).toEqual([
        'ownedBy group:default/sales-analytics',
        'partOf domain:default/sales',
        'producedBy component:default/hello-world',
      ]);

      const project = await poll(async () => {
        const res = await request(server).get(
          '/api/catalog/entities/by-name/component/default/hello-world',
        );
        const produces = res.body.relations?.some(
          (r: { type: string }) => r.type === 'produces',
        );
        return produces ? res.body : undefined;
      });
      expect(project.relations).toContainEqual(
        expect.objectContaining({
          type: 'produces',
          targetRef: 'dataproduct:default/total-sales',
        }),
      );

      // The invalid one never enters the catalog.
      const broken = await request(server).get(
        '/api/catalog/entities/by-name/dataproduct/default/broken-product',
      );
      expect(broken.status).toBe(404);
    },
  );
});
