import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import {
  DATA_PROJECT_CHANGED_TOPIC,
  SUBSCRIPTION_CHANGED_TOPIC,
} from '@meshwork/data-mesh-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { catalogModuleDataMesh } from './module';

jest.setTimeout(120_000);

const world = path.resolve(__dirname, '__fixtures__/world.yaml');
const HELLO_WORLD = path.resolve(__dirname, '../../../examples/hello-world');

/** A catalog file registering Hello World as a data project, in a temp folder. */
function helloWorldCatalogFile(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'data-mesh-catalog-'));
  const file = path.join(folder, 'catalog-info.yaml');
  fs.writeFileSync(
    file,
    `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: sales-analytics
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: finance-insights
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: hello-world
  annotations:
    meshwork.io/project-repo: dir:${path.relative(folder, HELLO_WORLD)}
spec:
  type: data-project
  lifecycle: experimental
  owner: sales-analytics
`,
  );
  return file;
}

/** Catches the module's events service, to publish as the data-mesh backend. */
function eventsOfTheTest() {
  const caught: { events?: EventsService } = {};
  const module = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-events',
    register(reg) {
      reg.registerInit({
        deps: { service: eventsServiceRef },
        async init({ service }) {
          caught.events = service;
        },
      });
    },
  });
  return {
    module,
    publish: (topic: string, eventPayload: object) =>
      caught.events!.publish({ topic, eventPayload }),
  };
}

/**
 * The data-mesh backend's subscriptions listing, as the catalog module
 * reads it: its approved subscriptions are `approved()`.
 */
function dataMeshSubscriptions(approved: () => object[]) {
  return createBackendPlugin({
    pluginId: 'data-mesh',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          httpRouter.use((req, res, next) => {
            if (req.method === 'GET' && req.path === '/subscriptions') {
              res.json({ items: approved() });
            } else {
              next();
            }
          });
        },
      });
    },
  });
}

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

  it.each(databases.eachSupportedId())(
    'publishes the DataProducts of a data project of the catalog when it changes, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // The data-mesh backend's side: it says when a project changed.
      const events = eventsOfTheTest();
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleDataMesh,
          events.module,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { milliseconds: 200 },
                rules: [
                  { allow: ['Group', 'Domain', 'Component', 'DataProduct'] },
                ],
                locations: [{ type: 'file', target: helloWorldCatalogFile() }],
              },
            },
          }),
        ],
      });

      // The provider's first scheduled run, at start-up, came before the
      // catalog had the Component; the change event makes it look again.
      await poll(async () => {
        const res = await request(server).get(
          '/api/catalog/entities/by-name/component/default/hello-world',
        );
        return res.status === 200 ? res.body : undefined;
      });
      await events.publish(DATA_PROJECT_CHANGED_TOPIC, {
        project: 'hello-world',
      });

      const product = await poll(async () => {
        const res = await request(server).get(
          '/api/catalog/entities/by-name/dataproduct/default/total-sales',
        );
        return res.status === 200 &&
          res.body.relations?.some(
            (r: { type: string }) => r.type === 'producedBy',
          )
          ? res.body
          : undefined;
      });
      expect(product.spec).toMatchObject({
        owner: 'group:default/sales-analytics',
        producedBy: 'component:default/hello-world',
        layer: 'gold',
        containsPii: false,
      });
      expect(
        product.relations
          .map(
            (r: { type: string; targetRef: string }) =>
              `${r.type} ${r.targetRef}`,
          )
          .sort(),
      ).toEqual([
        // Its upstream bronze datasets are internal: not related.
        'ownedBy group:default/sales-analytics',
        'partOf domain:default/sales',
        'partOf system:default/sales-insights',
        'producedBy component:default/hello-world',
      ]);

      const internal = await poll(async () => {
        const res = await request(server).get(
          '/api/catalog/entities/by-name/dataproduct/default/silver-customer-accounts',
        );
        return res.status === 200 &&
          res.body.relations?.some(
            (r: { type: string }) => r.type === 'dependsOn',
          )
          ? res.body
          : undefined;
      });
      expect(
        internal.relations
          .filter((r: { type: string }) => r.type === 'dependsOn')
          .map((r: { targetRef: string }) => r.targetRef)
          .sort(),
      ).toEqual([
        'dataproduct:default/bronze-accounts',
        'dataproduct:default/bronze-customers',
      ]);

      const products = await poll(async () => {
        const res = await request(server)
          .get('/api/catalog/entities/by-query')
          .query({ filter: 'kind=DataProduct', limit: 100 });
        return res.body.items?.length === 12 ? res.body.items : undefined;
      });
      expect(
        products
          .filter((p: { spec: { containsPii: boolean } }) => p.spec.containsPii)
          .map((p: { metadata: { name: string } }) => p.metadata.name)
          .sort(),
      ).toEqual([
        'bronze-customers',
        'customer-order',
        'silver-customer-accounts',
        'silver-customer-orders',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'relates a product and its subscribers, and follows each subscription change, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let approved: object[] = [
        {
          id: 's1',
          product: 'dataproduct:default/total-sales',
          team: 'group:default/finance-insights',
          state: 'approved',
          allColumns: true,
          updatedAt: '2026-12-05T09:00:00.000Z',
        },
      ];
      const events = eventsOfTheTest();
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleDataMesh,
          events.module,
          dataMeshSubscriptions(() => approved),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { milliseconds: 200 },
                rules: [
                  { allow: ['Group', 'Domain', 'Component', 'DataProduct'] },
                ],
                locations: [{ type: 'file', target: helloWorldCatalogFile() }],
              },
            },
          }),
        ],
      });
      await poll(async () => {
        const res = await request(server).get(
          '/api/catalog/entities/by-name/component/default/hello-world',
        );
        return res.status === 200 ? res.body : undefined;
      });
      const relationsOf = async (entityPath: string, type: string) => {
        const res = await request(server).get(
          `/api/catalog/entities/by-name/${entityPath}`,
        );
        return (res.body.relations ?? [])
          .filter((r: { type: string }) => r.type === type)
          .map((r: { targetRef: string }) => r.targetRef);
      };

      await events.publish(SUBSCRIPTION_CHANGED_TOPIC, {
        project: 'hello-world',
        dataset: 'TotalSales',
        product: 'dataproduct:default/total-sales',
      });
      const product = await poll(async () => {
        const res = await request(server).get(
          '/api/catalog/entities/by-name/dataproduct/default/total-sales',
        );
        return res.body.relations?.some(
          (r: { type: string }) => r.type === 'subscribedBy',
        )
          ? res.body
          : undefined;
      });
      expect(product.spec.consumers).toEqual([
        {
          team: 'group:default/finance-insights',
          since: '2026-12-05T09:00:00.000Z',
        },
      ]);
      expect(
        await relationsOf('dataproduct/default/total-sales', 'subscribedBy'),
      ).toEqual(['group:default/finance-insights']);
      await poll(async () => {
        const refs = await relationsOf(
          'group/default/finance-insights',
          'subscribesTo',
        );
        return refs.length ? refs : undefined;
      });
      expect(
        await relationsOf('group/default/finance-insights', 'subscribesTo'),
      ).toEqual(['dataproduct:default/total-sales']);

      // Revoked: the relations go with the next event.
      approved = [];
      await events.publish(SUBSCRIPTION_CHANGED_TOPIC, {
        project: 'hello-world',
      });
      await poll(async () => {
        const refs = await relationsOf(
          'group/default/finance-insights',
          'subscribesTo',
        );
        return refs.length === 0 ? refs : undefined;
      });
      expect(
        await relationsOf('dataproduct/default/total-sales', 'subscribedBy'),
      ).toEqual([]);
    },
  );
});
