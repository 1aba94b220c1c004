/** @jest-environment node */
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EventParams, eventsServiceRef } from '@backstage/plugin-events-node';
import { SUBSCRIPTION_CHANGED_TOPIC } from '@meshwork/data-mesh-node';
import request from 'supertest';
import {
  authorizationOf,
  ROLES,
  startDemoBackend,
} from './__testUtils__/demoRoles';

jest.setTimeout(60_000);

const TOTAL_SALES = 'dataproduct:default/total-sales';
const FINANCE = 'group:default/finance-insights';

const totalSales: Entity = {
  apiVersion: 'meshwork.io/v1alpha1',
  kind: 'DataProduct',
  metadata: {
    name: 'total-sales',
    namespace: 'default',
    title: 'TotalSales',
    annotations: {
      'meshwork.io/project': 'hello-world',
      'meshwork.io/dataset': 'TotalSales',
    },
  },
  spec: {
    owner: 'group:default/sales-analytics',
    lifecycle: 'production',
    visibility: 'published',
    layer: 'gold',
    contract: {
      schema: [
        {
          name: 'total_sales',
          properties: [
            { name: 'currency', logicalType: 'string' },
            { name: 'net_revenue', logicalType: 'number' },
          ],
        },
      ],
    },
    containsPii: false,
  },
};

/** Subscriptions need no warehouse: no engine at all. */
const noEngine = createBackendModule({
  pluginId: 'data-mesh',
  moduleId: 'no-engine',
  register(reg) {
    reg.registerInit({ deps: {}, async init() {} });
  },
});

/** The events the plugin publishes, instead of an event bus. */
function publishedEvents() {
  const published: EventParams[] = [];
  const factory = createServiceFactory({
    service: eventsServiceRef,
    deps: {},
    factory: () =>
      mockServices.events.mock({
        publish: jest.fn(async (params: EventParams) => {
          published.push(params);
        }),
      }),
  });
  return { published, factory };
}

async function start() {
  const events = publishedEvents();
  const backend = await startDemoBackend({
    engine: noEngine,
    dataMesh: { runner: { enabled: false } },
    catalog: [totalSales],
    extraFeatures: [events.factory],
  });
  const server = backend.server;
  return {
    published: events.published,
    subscribe: () =>
      request(server)
        .post('/api/data-mesh/subscriptions')
        .set('Authorization', authorizationOf(ROLES.consumer))
        .send({ product: TOTAL_SALES, purpose: 'Revenue report' }),
    act: (id: string, action: string, reason?: string) =>
      request(server)
        .post(`/api/data-mesh/subscriptions/${id}/${action}`)
        .set('Authorization', authorizationOf(ROLES.owner))
        .send(reason ? { reason } : {}),
    listAsService: (query: string) =>
      request(server)
        .get(`/api/data-mesh/subscriptions${query}`)
        .set(
          'Authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('plugin:catalog'),
            targetPluginId: 'data-mesh',
          }),
        ),
  };
}

describe('subscription changes', () => {
  it('lets a backend on its own behalf list every approved subscription, and nothing of its own', async () => {
    const api = await start();
    const approved = await api.subscribe();
    expect((await api.act(approved.body.id, 'approve')).status).toBe(200);

    const res = await api.listAsService('?state=approved');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: approved.body.id,
        product: TOTAL_SALES,
        team: FINANCE,
        state: 'approved',
        allColumns: true,
      }),
    ]);
    expect((await api.listAsService('?state=pending')).body.items).toEqual([]);

    const mine = await api.listAsService('?mine=true');
    expect(mine.status).toBe(400);
    expect(mine.body.error.message).toMatch(/^mine: /);
  });

  it('says on the events topic which product each state change concerns', async () => {
    const api = await start();
    const payload = {
      project: 'hello-world',
      dataset: 'TotalSales',
      product: TOTAL_SALES,
    };
    const subscription = await api.subscribe();
    expect(subscription.status).toBe(201);
    expect(api.published).toEqual([
      { topic: SUBSCRIPTION_CHANGED_TOPIC, eventPayload: payload },
    ]);

    // Asking again returns the pending request: nothing changed.
    expect((await api.subscribe()).status).toBe(200);
    expect(api.published).toHaveLength(1);

    await api.act(subscription.body.id, 'approve');
    await api.act(subscription.body.id, 'revoke', 'Project over');
    expect(api.published).toHaveLength(3);
    expect(api.published[2]).toEqual({
      topic: SUBSCRIPTION_CHANGED_TOPIC,
      eventPayload: payload,
    });

    // A refused transition changes nothing and says nothing.
    expect((await api.act(subscription.body.id, 'approve')).status).toBe(409);
    expect(api.published).toHaveLength(3);
  });
});
