import { DiscoveryService } from '@backstage/backend-plugin-api';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EventParams } from '@backstage/plugin-events-node';
import {
  DataProductEntityV1alpha1,
  dataProductEntityV1alpha1Validator,
} from '@meshwork/data-mesh-common';
import {
  DATA_PROJECT_CHANGED_TOPIC,
  SUBSCRIPTION_CHANGED_TOPIC,
} from '@meshwork/data-mesh-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataProductEntityProvider } from './DataProductEntityProvider';

const HELLO_WORLD_CATALOG_FILE = path.resolve(
  __dirname,
  '../../../../catalog-info/data-projects.yaml',
);

function component(name: string, repo?: string, file?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${
          file ?? HELLO_WORLD_CATALOG_FILE
        }`,
        ...(repo && { 'meshwork.io/project-repo': repo }),
      },
    },
    spec: { type: 'data-project', lifecycle: 'production', owner: 'shop' },
  };
}

const helloWorld = component('hello-world', 'dir:../examples/hello-world');

let workspace: string;
beforeEach(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'data-products-'));
});
afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

function dataset(name: string, layer = 'silver'): string {
  return `formatVersion: 1
name: ${name}
table: ${layer}.${name.toLowerCase()}
layer: ${layer}
visibility: internal
owner: group:default/shop
contract:
  columns:
    - name: id
      type: bigint
`;
}

/** A data project in a folder of the workspace, and its Component. */
function project(
  name: string,
  files: Record<string, string | null> = {},
): Entity {
  const folder = path.join(workspace, name);
  const all: Record<string, string | null> = {
    'meshwork.yaml': `formatVersion: 1
name: ${name}
owner: group:default/shop
domain: sales
engine:
  defaultDialect: spark
  targets: {}
`,
    'datasets/Orders.dataset.yaml': dataset('Orders'),
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    const full = path.join(folder, file);
    if (text === null) {
      fs.rmSync(full, { force: true });
      continue;
    }
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  return component(
    name,
    `dir:./${name}`,
    path.join(workspace, 'catalog-info.yaml'),
  );
}

const BROKEN_PIPELINE = `formatVersion: 1
name: Broken
nodes:
  - id: src
    type: Source
    position: { x: 0, y: 0 }
    config:
      dataset: NoSuchDataset
edges: []
`;

function setup(
  entities: Entity[],
  config: object = {},
  extra: { discovery?: DiscoveryService } = {},
) {
  const catalog = catalogServiceMock({ entities });
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const schedule = { run: jest.fn(async () => {}) };
  let onEvent: ((params: EventParams) => Promise<void>) | undefined;
  const events = mockServices.events.mock({
    subscribe: jest.fn(async options => {
      onEvent = options.onEvent;
    }),
  });
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: jest.fn(async mutation => {
      mutations.push(mutation);
    }),
    refresh: jest.fn(),
  };
  const provider = DataProductEntityProvider.fromConfig(
    new ConfigReader(config),
    {
      logger,
      catalog,
      auth: mockServices.auth(),
      urlReader: mockServices.urlReader.mock(),
      events,
      schedule,
      ...extra,
    },
  );
  return {
    provider,
    logger,
    schedule,
    events,
    mutations,
    connect: () => provider.connect(connection),
    emit: (payload: unknown, topic = DATA_PROJECT_CHANGED_TOPIC) =>
      onEvent!({ topic, eventPayload: payload }),
  };
}

function names(mutation: EntityProviderMutation): string[] {
  const entities =
    mutation.type === 'full' ? mutation.entities : mutation.added;
  return entities.map(e => e.entity.metadata.name).sort();
}

function logged(mock: { mock: { calls: unknown[][] } }): string {
  return mock.mock.calls.map(call => String(call[0])).join('\n');
}

describe('DataProductEntityProvider', () => {
  it('publishes a valid DataProduct per dataset of every registered data project', async () => {
    const shop = project('shop');
    const t = setup([helloWorld, shop]);
    await t.connect();
    await t.provider.refresh();

    expect(t.mutations).toHaveLength(1);
    const [mutation] = t.mutations;
    expect(mutation.type).toBe('full');
    expect(names(mutation)).toEqual([
      'bronze-accounts',
      'bronze-customers',
      'bronze-order-lines',
      'bronze-orders',
      'bronze-products',
      'customer-order',
      'daily-summary',
      'orders',
      'silver-account-lengths',
      'silver-customer-accounts',
      'silver-customer-orders',
      'silver-sales-lines',
      'total-sales',
    ]);
    const deferred = mutation.type === 'full' ? mutation.entities : [];
    for (const { entity, locationKey } of deferred) {
      expect(locationKey).toBe('DataProductEntityProvider');
      await expect(
        dataProductEntityV1alpha1Validator.check(entity),
      ).resolves.toBe(true);
    }
    const orders = deferred.find(d => d.entity.metadata.name === 'orders')!
      .entity as DataProductEntityV1alpha1;
    expect(orders.spec.producedBy).toBe('component:default/shop');
    expect(orders.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': `file:${path.join(
        workspace,
        'shop/datasets/Orders.dataset.yaml',
      )}`,
      'meshwork.io/project': 'shop',
    });
    const totalSales = deferred.find(
      d => d.entity.metadata.name === 'total-sales',
    )!.entity as DataProductEntityV1alpha1;
    expect(totalSales.spec).toMatchObject({
      producedBy: 'component:default/hello-world',
      lifecycle: 'production',
      visibility: 'published',
    });
  });

  it('skips a project that does not compile, logging why, and keeps the others', async () => {
    const broken = project('broken', {
      'pipelines/Broken.pipeline.yaml': BROKEN_PIPELINE,
    });
    const t = setup([project('shop'), broken]);
    await t.connect();
    await t.provider.refresh();

    expect(names(t.mutations[0])).toEqual(['orders']);
    expect(logged(t.logger.error)).toMatch(
      /component:default\/broken skipped: Data project broken .* does not compile: pipelines\/Broken.pipeline.yaml:\d+:\d+: error: .*NoSuchDataset/,
    );
  });

  it('keeps the last products of a project that stops compiling', async () => {
    const shop = project('shop', {
      'datasets/Lines.dataset.yaml': dataset('Lines'),
    });
    const t = setup([shop]);
    await t.connect();
    await t.provider.refresh();
    project('shop', { 'pipelines/Broken.pipeline.yaml': BROKEN_PIPELINE });
    await t.provider.refresh();

    expect(t.mutations.map(names)).toEqual([
      ['lines', 'orders'],
      ['lines', 'orders'],
    ]);
    expect(logged(t.logger.info)).toMatch(/shop kept their last products/);
  });

  it('does not compile a project again while its files stay the same', async () => {
    const t = setup([project('shop')]);
    await t.connect();
    await t.provider.refresh();
    await t.provider.refresh();
    const [first, second] = t.mutations.map(m =>
      m.type === 'full' ? m.entities[0].entity : undefined,
    );
    expect(second).toBe(first);

    project('shop', {
      'datasets/Orders.dataset.yaml': dataset('Orders', 'gold'),
    });
    await t.provider.refresh();
    const third = t.mutations[2].type === 'full' && t.mutations[2].entities[0];
    expect(
      third && (third.entity as DataProductEntityV1alpha1).spec.layer,
    ).toBe('gold');
  });

  it('skips Components without a project repository and name clashes, warning once', async () => {
    const bare = component('bare');
    const clash = {
      ...project('shop'),
      metadata: {
        ...project('shop').metadata,
        namespace: 'other',
      },
    };
    const t = setup([project('shop'), bare, clash]);
    await t.connect();
    await t.provider.refresh();
    await t.provider.refresh();

    expect(names(t.mutations[1])).toEqual(['orders']);
    const warnings = logged(t.logger.warn);
    expect(warnings).toMatch(
      /component:default\/bare: annotation meshwork.io\/project-repo is missing/,
    );
    expect(warnings).toMatch(
      /component:other\/shop skipped: another Component is named shop/,
    );
    expect(t.logger.warn).toHaveBeenCalledTimes(2);
  });

  it('keeps the first of two projects that have a dataset of the same name', async () => {
    const t = setup([project('alpha'), project('beta')]);
    await t.connect();
    await t.provider.refresh();

    const full = t.mutations[0];
    expect(full.type === 'full' && full.entities).toHaveLength(1);
    expect(
      full.type === 'full' &&
        full.entities[0].entity.metadata.annotations?.['meshwork.io/project'],
    ).toBe('alpha');
    expect(logged(t.logger.warn)).toMatch(
      /dataproduct:default\/orders of data project beta skipped: data project alpha has a dataset of the same name/,
    );
  });

  it('refreshes one project at once with a delta, removing the products it lost', async () => {
    const t = setup([
      helloWorld,
      project('shop', { 'datasets/Lines.dataset.yaml': dataset('Lines') }),
    ]);
    await t.connect();
    await t.provider.refresh();

    project('shop', {
      'datasets/Lines.dataset.yaml': null,
      'datasets/Refunds.dataset.yaml': dataset('Refunds'),
    });
    await t.provider.refreshProject('shop');

    const delta = t.mutations[1];
    expect(delta).toEqual({
      type: 'delta',
      added: expect.any(Array),
      removed: [
        {
          entityRef: 'dataproduct:default/lines',
          locationKey: 'DataProductEntityProvider',
        },
      ],
    });
    expect(names(delta)).toEqual(['orders', 'refunds']);

    // The next full refresh agrees with the delta.
    await t.provider.refresh();
    expect(names(t.mutations[2])).toContain('refunds');
    expect(names(t.mutations[2])).not.toContain('lines');
  });

  it('removes products the catalog still holds for a project this instance never published', async () => {
    const stale: Entity = {
      apiVersion: 'meshwork.io/v1alpha1',
      kind: 'DataProduct',
      metadata: {
        name: 'old-orders',
        namespace: 'default',
        annotations: { 'meshwork.io/project': 'shop' },
      },
      spec: {},
    };
    const t = setup([project('shop'), stale]);
    await t.connect();
    await t.provider.refreshProject('shop');

    expect(t.mutations[0]).toMatchObject({
      type: 'delta',
      removed: [{ entityRef: 'dataproduct:default/old-orders' }],
    });
    expect(names(t.mutations[0])).toEqual(['orders']);
  });

  it('leaves a project as it was when a refresh of it fails', async () => {
    const t = setup([project('shop')]);
    await t.connect();
    await t.provider.refresh();
    project('shop', { 'pipelines/Broken.pipeline.yaml': BROKEN_PIPELINE });

    await expect(t.provider.refreshProject('shop')).rejects.toThrow(
      /does not compile/,
    );
    expect(t.mutations).toHaveLength(1);
  });

  it('refreshes a project when the data-mesh backend says it changed', async () => {
    const t = setup([project('shop')]);
    await t.connect();
    expect(t.events.subscribe).toHaveBeenCalledWith(
      expect.objectContaining({
        topics: [DATA_PROJECT_CHANGED_TOPIC, SUBSCRIPTION_CHANGED_TOPIC],
      }),
    );
    await t.emit({ project: 'shop' });
    expect(t.mutations[0].type).toBe('delta');
    expect(names(t.mutations[0])).toEqual(['orders']);

    await t.emit({});
    expect(logged(t.logger.warn)).toMatch(/without a project name/);

    project('shop', { 'pipelines/Broken.pipeline.yaml': BROKEN_PIPELINE });
    await t.emit({ project: 'shop' });
    expect(logged(t.logger.error)).toMatch(
      /Data project shop not refreshed after its change: .*does not compile/,
    );
    expect(t.mutations).toHaveLength(1);
  });

  it('runs its refresh on the schedule and refuses to work before it is connected', async () => {
    const t = setup([project('shop')]);
    await expect(t.provider.refresh()).rejects.toThrow(/not connected/);
    await t.connect();
    expect(t.schedule.run).toHaveBeenCalledWith({
      id: 'DataProductEntityProvider:refresh',
      fn: expect.any(Function),
    });
    const [[task]] = t.schedule.run.mock.calls as unknown as [
      [{ fn: () => Promise<void> }],
    ];
    await task.fn();
    expect(names(t.mutations[0])).toEqual(['orders']);
  });
});

describe('DataProductEntityProvider with the data-mesh subscriptions', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const DATA_MESH = 'http://data-mesh.test/api/data-mesh';
  const discovery = mockServices.discovery.mock({
    getBaseUrl: jest.fn(async (pluginId: string) =>
      pluginId === 'data-mesh' ? DATA_MESH : `http://other.test/${pluginId}`,
    ),
  });

  /** An approved subscription as `GET /subscriptions` lists it. */
  function subscription(
    product: string,
    team: string,
    updatedAt: string,
    columns?: string[],
  ) {
    return {
      id: `${product} ${team} ${updatedAt}`,
      product,
      team,
      state: 'approved',
      allColumns: columns === undefined,
      ...(columns && { columns }),
      updatedAt,
    };
  }

  /** Answers the subscriptions listing with `items`, recording the calls. */
  function subscriptions(items: () => object[]) {
    const calls: Request[] = [];
    server.use(
      http.get(`${DATA_MESH}/subscriptions`, ({ request }) => {
        calls.push(request);
        return HttpResponse.json({ items: items() });
      }),
    );
    return calls;
  }

  function productIn(mutation: EntityProviderMutation, name: string) {
    const entities =
      mutation.type === 'full' ? mutation.entities : mutation.added;
    return entities.find(e => e.entity.metadata.name === name)
      ?.entity as DataProductEntityV1alpha1;
  }

  it('gives each product its consuming teams, one entry per team', async () => {
    const calls = subscriptions(() => [
      subscription(
        'dataproduct:default/orders',
        'group:default/finance-insights',
        '2026-12-06T09:00:00.000Z',
        ['id'],
      ),
      subscription(
        'dataproduct:default/orders',
        'group:default/finance-insights',
        '2026-12-05T09:00:00.000Z',
      ),
      subscription(
        'dataproduct:default/orders',
        'group:default/marketing-analytics',
        '2026-12-07T09:00:00.000Z',
        ['id'],
      ),
      subscription(
        'dataproduct:default/total-sales',
        'group:default/finance-insights',
        '2026-12-07T09:00:00.000Z',
      ),
      {
        ...subscription('dataproduct:default/orders', 'x', 'y'),
        state: 'revoked',
      },
    ]);
    const t = setup([project('shop')], {}, { discovery });
    await t.connect();
    await t.provider.refresh();

    expect(calls).toHaveLength(1);
    expect(new URL(calls[0].url).searchParams.get('state')).toBe('approved');
    expect(calls[0].headers.get('authorization')).toMatch(/^Bearer .+/);
    const orders = productIn(t.mutations[0], 'orders');
    expect(orders.spec.consumers).toEqual([
      // Two approved requests of one team: since the first, every column.
      {
        team: 'group:default/finance-insights',
        since: '2026-12-05T09:00:00.000Z',
      },
      {
        team: 'group:default/marketing-analytics',
        since: '2026-12-07T09:00:00.000Z',
        columns: ['id'],
      },
    ]);
    await expect(
      dataProductEntityV1alpha1Validator.check(orders),
    ).resolves.toBe(true);
  });

  it('publishes the products without consumers, warning, when the data-mesh API cannot be read', async () => {
    server.use(
      http.get(`${DATA_MESH}/subscriptions`, () =>
        HttpResponse.json({ error: { message: 'down' } }, { status: 503 }),
      ),
    );
    const t = setup([project('shop')], {}, { discovery });
    await t.connect();
    await t.provider.refresh();

    expect(names(t.mutations[0])).toEqual(['orders']);
    expect(productIn(t.mutations[0], 'orders').spec.consumers).toBeUndefined();
    expect(logged(t.logger.warn)).toMatch(
      /data-mesh subscriptions could not be read: GET .*\/subscriptions answered 503/,
    );
  });

  it('keeps the consumers last read while the data-mesh API is unreachable', async () => {
    let up = true;
    server.use(
      http.get(`${DATA_MESH}/subscriptions`, () =>
        up
          ? HttpResponse.json({
              items: [
                subscription(
                  'dataproduct:default/orders',
                  'group:default/finance-insights',
                  '2026-12-05T09:00:00.000Z',
                ),
              ],
            })
          : HttpResponse.error(),
      ),
    );
    const t = setup([project('shop')], {}, { discovery });
    await t.connect();
    await t.provider.refresh();
    up = false;
    await t.provider.refresh();

    expect(t.mutations).toHaveLength(2);
    expect(productIn(t.mutations[1], 'orders').spec.consumers).toEqual([
      {
        team: 'group:default/finance-insights',
        since: '2026-12-05T09:00:00.000Z',
      },
    ]);
    expect(logged(t.logger.warn)).toMatch(/could not be read/);
  });

  it('reads the consumers again at once when a subscription to a product of the project changes', async () => {
    let items: object[] = [];
    subscriptions(() => items);
    const t = setup([project('shop')], {}, { discovery });
    await t.connect();
    await t.provider.refresh();
    expect(productIn(t.mutations[0], 'orders').spec.consumers).toBeUndefined();

    items = [
      subscription(
        'dataproduct:default/orders',
        'group:default/finance-insights',
        '2026-12-05T09:00:00.000Z',
      ),
    ];
    await t.emit(
      {
        project: 'shop',
        dataset: 'Orders',
        product: 'dataproduct:default/orders',
      },
      SUBSCRIPTION_CHANGED_TOPIC,
    );
    expect(t.mutations[1].type).toBe('delta');
    expect(productIn(t.mutations[1], 'orders').spec.consumers).toEqual([
      {
        team: 'group:default/finance-insights',
        since: '2026-12-05T09:00:00.000Z',
      },
    ]);

    // Revoked: the team is no consumer any more.
    items = [];
    await t.emit({ project: 'shop' }, SUBSCRIPTION_CHANGED_TOPIC);
    expect(productIn(t.mutations[2], 'orders').spec.consumers).toBeUndefined();

    await t.emit({ product: 'x' }, SUBSCRIPTION_CHANGED_TOPIC);
    expect(logged(t.logger.warn)).toMatch(
      /Ignored an event on data-mesh.subscription.changed without a project name/,
    );
    expect(t.mutations).toHaveLength(3);
  });
});

describe('DataProductEntityProvider.fromConfig', () => {
  const options = () => ({
    logger: mockServices.logger.mock(),
    catalog: catalogServiceMock(),
    auth: mockServices.auth(),
    urlReader: mockServices.urlReader.mock(),
  });

  it('schedules the refresh every minute unless configured', () => {
    const scheduler = mockServices.scheduler.mock();
    DataProductEntityProvider.fromConfig(new ConfigReader({}), {
      ...options(),
      scheduler,
    });
    DataProductEntityProvider.fromConfig(
      new ConfigReader({
        catalog: {
          providers: {
            dataMesh: {
              schedule: { frequency: { minutes: 30 }, timeout: { minutes: 3 } },
            },
          },
        },
      }),
      { ...options(), scheduler },
    );
    expect(scheduler.createScheduledTaskRunner.mock.calls).toEqual([
      [expect.objectContaining({ frequency: { minutes: 1 } })],
      [{ frequency: { minutes: 30 }, timeout: { minutes: 3 } }],
    ]);
  });

  it('needs a schedule or a scheduler', () => {
    expect(() =>
      DataProductEntityProvider.fromConfig(new ConfigReader({}), options()),
    ).toThrow(/schedule or scheduler/);
  });

  it('rejects a negative recheck interval', () => {
    expect(() =>
      DataProductEntityProvider.fromConfig(
        new ConfigReader({
          catalog: { providers: { dataMesh: { recheckSeconds: -1 } } },
        }),
        { ...options(), schedule: { run: jest.fn() } },
      ),
    ).toThrow(/recheckSeconds must be a number of seconds/);
  });
});
