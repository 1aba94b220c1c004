/** @jest-environment node */
import {
  createBackendModule,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import request from 'supertest';
import {
  authorizationOf,
  OTHER_PRODUCER,
  ROLES,
  startDemoBackend,
} from './__testUtils__/demoRoles';
import { SubscriptionStore } from './subscriptions/SubscriptionStore';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SALES = 'group:default/sales-analytics';
const FINANCE = 'group:default/finance-insights';
const MARKETING = 'group:default/marketing-analytics';
const PLATFORM = 'group:default/platform-team';

const TOTAL_SALES = 'dataproduct:default/total-sales';
const CUSTOMERS = 'dataproduct:default/customers';
const CAMPAIGNS = 'dataproduct:default/campaigns';
const ORDER_LINES = 'dataproduct:default/order-lines';

/** A DataProduct as the entity provider writes it, reduced to what matters. */
function dataProduct(options: {
  name: string;
  title: string;
  owner: string;
  visibility: 'published' | 'internal';
  columns: Array<{ name: string; classification?: string }>;
  autoApprove?: boolean;
}): Entity {
  const pii = options.columns.some(c => c.classification === 'pii');
  return {
    apiVersion: 'meshwork.io/v1alpha1',
    kind: 'DataProduct',
    metadata: {
      name: options.name,
      namespace: 'default',
      title: options.title,
      annotations: {
        'meshwork.io/project': 'hello-world',
        'meshwork.io/dataset': options.title,
      },
    },
    spec: {
      owner: options.owner,
      lifecycle: 'production',
      visibility: options.visibility,
      layer: 'gold',
      contract: {
        schema: [
          {
            name: options.name.replace(/-/g, '_'),
            properties: options.columns.map(c => ({
              name: c.name,
              logicalType: 'string',
              ...(c.classification && { classification: c.classification }),
            })),
          },
        ],
      },
      containsPii: pii,
      ...(options.autoApprove !== undefined && {
        access: { autoApprove: options.autoApprove },
      }),
    },
  };
}

const CATALOG: Entity[] = [
  dataProduct({
    name: 'total-sales',
    title: 'TotalSales',
    owner: SALES,
    visibility: 'published',
    columns: [
      { name: 'currency' },
      { name: 'category' },
      { name: 'net_revenue' },
    ],
  }),
  dataProduct({
    name: 'customers',
    title: 'Customers',
    owner: SALES,
    visibility: 'published',
    columns: [
      { name: 'customer_id' },
      { name: 'email', classification: 'pii' },
      { name: 'country' },
    ],
  }),
  dataProduct({
    name: 'order-lines',
    title: 'OrderLines',
    owner: SALES,
    visibility: 'internal',
    columns: [{ name: 'order_id' }],
  }),
  dataProduct({
    name: 'campaigns',
    title: 'Campaigns',
    owner: MARKETING,
    visibility: 'published',
    autoApprove: true,
    columns: [
      { name: 'campaign' },
      { name: 'spend' },
      { name: 'contact_email', classification: 'pii' },
    ],
  }),
];

type Caller = 'none' | 'consumer' | 'owner' | 'platform' | 'otherProducer';
const CALLERS: Caller[] = [
  'none',
  'consumer',
  'owner',
  'platform',
  'otherProducer',
];
const USERS: Record<Exclude<Caller, 'none'>, string> = {
  ...ROLES,
  otherProducer: OTHER_PRODUCER,
};
const header = (caller: Caller) =>
  authorizationOf(caller === 'none' ? null : USERS[caller]);

/** The audit entries that change the state, without those of the grant. */
// Response bodies are untyped JSON: `any`, like supertest's own `body`.
function stateChanges(audit: any[]): any[] {
  return audit.filter(entry => !entry.event);
}

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

/** Subscriptions need no warehouse (grants come later): no engine at all. */
const noEngine = createBackendModule({
  pluginId: 'data-mesh',
  moduleId: 'no-engine',
  register(reg) {
    reg.registerInit({ deps: {}, async init() {} });
  },
});

function startBackend(knex: Knex, subscriptions?: JsonObject) {
  return startDemoBackend({
    knex,
    engine: noEngine,
    dataMesh: {
      runner: { enabled: false },
      ...(subscriptions && { subscriptions }),
    },
    catalog: CATALOG,
  });
}

type Backend = Awaited<ReturnType<typeof startDemoBackend>>;

/** A client of one backend, as each demo user. */
function client(backend: Backend) {
  const server = backend.server;
  return {
    subscribe: (caller: Caller, body: object) =>
      request(server)
        .post('/api/data-mesh/subscriptions')
        .set('Authorization', header(caller))
        .send(body),
    list: (caller: Caller, query = '') =>
      request(server)
        .get(`/api/data-mesh/subscriptions${query}`)
        .set('Authorization', header(caller)),
    get: (caller: Caller, id: string) =>
      request(server)
        .get(`/api/data-mesh/subscriptions/${id}`)
        .set('Authorization', header(caller)),
    act: (caller: Caller, id: string, action: string, reason?: string) =>
      request(server)
        .post(`/api/data-mesh/subscriptions/${id}/${action}`)
        .set('Authorization', header(caller))
        .send(reason === undefined ? {} : { reason }),
  };
}

describe.each(databases.eachSupportedId())('subscriptions API on %p', id => {
  let knex: Knex;
  let backend: Backend;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    knex = await databases.init(id as TestDatabaseId);
    backend = await startBackend(knex);
    api = client(backend);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  beforeEach(async () => {
    await knex('subscription_audit').delete();
    await knex('subscriptions').delete();
  });

  /** A new pending request of fiona's team for TotalSales. */
  async function pending(): Promise<string> {
    const res = await api.subscribe('consumer', {
      product: TOTAL_SALES,
      purpose: 'Monthly revenue report',
    });
    expect(res.status).toBe(201);
    expect(res.body.state).toBe('pending');
    return res.body.id;
  }

  async function approved(): Promise<string> {
    const subscriptionId = await pending();
    expect((await api.act('owner', subscriptionId, 'approve')).status).toBe(
      200,
    );
    return subscriptionId;
  }

  /** Each caller's status for one call, the caller expected to succeed last. */
  async function statuses(
    call: (caller: Caller) => Promise<request.Response>,
    order: Caller[] = CALLERS,
  ) {
    const outcome: Partial<Record<Caller, number>> = {};
    for (const caller of order) {
      outcome[caller] = (await call(caller)).status;
    }
    return outcome;
  }

  describe('who may call what', () => {
    it('lets every signed-in user request a published product for their team', async () => {
      const outcome = await statuses(caller =>
        api.subscribe(caller, { product: TOTAL_SALES, purpose: 'Reports' }),
      );
      expect(outcome).toEqual({
        none: 401,
        consumer: 201,
        owner: 201,
        platform: 201,
        otherProducer: 201,
      });
      const teams = (await api.list('platform')).body.items.map(
        (s: { team: string }) => s.team,
      );
      expect(teams.sort()).toEqual([FINANCE, MARKETING, PLATFORM, SALES]);
    });

    it('lets every signed-in user list, and shows each what they may see', async () => {
      const fionas = await pending();
      const campaigns = await api.subscribe('owner', {
        product: CAMPAIGNS,
        columns: ['campaign'],
      });
      expect(campaigns.status).toBe(201);
      const monas = await api.subscribe('otherProducer', {
        product: CUSTOMERS,
        purpose: 'Campaign targeting',
      });
      expect(monas.status).toBe(201);

      const seen = async (caller: Caller, query = '') => {
        const res = await api.list(caller, query);
        expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
        return res.body.items.map((s: { id: string }) => s.id).sort();
      };
      expect((await api.list('none')).status).toBe(401);
      expect(await seen('consumer')).toEqual([fionas]);
      // sam: his products' requests, and his team's own.
      expect(await seen('owner')).toEqual(
        [fionas, campaigns.body.id, monas.body.id].sort(),
      );
      // mona: her product's requests, and her team's own.
      expect(await seen('otherProducer')).toEqual(
        [campaigns.body.id, monas.body.id].sort(),
      );
      expect(await seen('platform')).toEqual(
        [fionas, campaigns.body.id, monas.body.id].sort(),
      );
      expect(await seen('owner', '?mine=true')).toEqual([campaigns.body.id]);
      expect(await seen('platform', '?mine=true')).toEqual([]);
      expect(await seen('platform', '?product=total-sales')).toEqual([fionas]);
      expect(
        await seen('platform', `?team=${encodeURIComponent(MARKETING)}`),
      ).toEqual([monas.body.id]);
      expect(await seen('platform', '?team=marketing-analytics')).toEqual([
        monas.body.id,
      ]);
      expect(await seen('platform', '?state=approved')).toEqual([
        campaigns.body.id,
      ]);
    });

    it('shows one subscription to its team, its approvers and the platform team', async () => {
      const subscriptionId = await pending();
      expect(await statuses(caller => api.get(caller, subscriptionId))).toEqual(
        {
          none: 401,
          consumer: 200,
          owner: 200,
          platform: 200,
          otherProducer: 403,
        },
      );
    });

    it.each(['approve', 'deny'])(
      'lets only the owning team %s a request',
      async action => {
        const subscriptionId = await pending();
        const outcome = await statuses(
          caller => api.act(caller, subscriptionId, action, 'Checked'),
          ['none', 'consumer', 'platform', 'otherProducer', 'owner'],
        );
        expect(outcome).toEqual({
          none: 401,
          consumer: 403,
          platform: 403,
          otherProducer: 403,
          owner: 200,
        });
      },
    );

    it('lets only the owning team revoke', async () => {
      const subscriptionId = await approved();
      const outcome = await statuses(
        caller => api.act(caller, subscriptionId, 'revoke', 'Contract ended'),
        ['none', 'consumer', 'platform', 'otherProducer', 'owner'],
      );
      expect(outcome).toEqual({
        none: 401,
        consumer: 403,
        platform: 403,
        otherProducer: 403,
        owner: 200,
      });
    });

    it('lets only the requesting team withdraw', async () => {
      const subscriptionId = await pending();
      const outcome = await statuses(
        caller => api.act(caller, subscriptionId, 'withdraw'),
        ['none', 'owner', 'platform', 'otherProducer', 'consumer'],
      );
      expect(outcome).toEqual({
        none: 401,
        owner: 403,
        platform: 403,
        otherProducer: 403,
        consumer: 200,
      });
    });

    it('keeps an owner of one product from deciding on another team’s', async () => {
      const res = await api.subscribe('consumer', {
        product: CAMPAIGNS,
        purpose: 'Marketing spend per sale',
      });
      expect(res.body.state).toBe('pending');
      const refused = await api.act('owner', res.body.id, 'approve');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        `You may not approve subscriptions to ${CAMPAIGNS}: only its approvers may`,
      );
      expect(
        (await api.act('otherProducer', res.body.id, 'approve')).status,
      ).toBe(200);
    });
  });

  describe('requests', () => {
    it('records the request with the contract agreed to and its audit entry', async () => {
      const res = await api.subscribe('consumer', {
        product: 'Total-Sales',
        purpose: '  Monthly revenue report ',
        columns: ['net_revenue', 'currency', 'currency'],
        expiresAt: '2099-01-01T00:00:00Z',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        product: TOTAL_SALES,
        project: 'hello-world',
        dataset: 'TotalSales',
        requester: ROLES.consumer,
        team: FINANCE,
        purpose: 'Monthly revenue report',
        allColumns: false,
        columns: ['currency', 'net_revenue'],
        expiresAt: '2099-01-01T00:00:00.000Z',
        contractVersion: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        state: 'pending',
        grantStatus: 'none',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const details = await api.get('consumer', res.body.id);
      expect(details.body.audit).toEqual([
        {
          at: res.body.createdAt,
          actor: ROLES.consumer,
          to: 'pending',
          reason: 'Monthly revenue report',
        },
      ]);
    });

    it('returns the pending request of the team instead of making a second', async () => {
      const first = await pending();
      const again = await api.subscribe('consumer', {
        product: TOTAL_SALES,
        purpose: 'Something else',
        columns: ['currency'],
      });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first);
      expect(again.body.allColumns).toBe(true);
      expect((await api.list('platform')).body.items).toHaveLength(1);
    });

    it('refuses internal products with 409 and unknown ones with 404', async () => {
      const internal = await api.subscribe('owner', { product: ORDER_LINES });
      expect(internal.status).toBe(409);
      expect(internal.body.error.message).toBe(
        'OrderLines is internal: only published data products can be requested',
      );
      const unknown = await api.subscribe('consumer', {
        product: 'dataproduct:default/nowhere',
      });
      expect(unknown.status).toBe(404);
      expect((await api.list('platform')).body.items).toEqual([]);
    });

    it('answers 400 naming the field of a bad request', async () => {
      const message = async (body: object) => {
        const res = await api.subscribe('consumer', body);
        expect(res.status).toBe(400);
        return res.body.error.message as string;
      };
      expect(
        await message({ product: TOTAL_SALES, columns: ['currency', 'price'] }),
      ).toBe(
        "columns[1]: 'price' is not a column of TotalSales (its columns: currency, category, net_revenue)",
      );
      expect(await message({ product: CUSTOMERS })).toBe(
        'purpose: required, because Customers holds personal data in the columns asked for (email)',
      );
      expect(
        await message({
          product: CUSTOMERS,
          purpose: '   ',
          columns: ['email', 'country'],
        }),
      ).toBe(
        'purpose: required, because Customers holds personal data in the columns asked for (email)',
      );
      expect(
        await message({
          product: TOTAL_SALES,
          expiresAt: '2001-01-01T00:00:00Z',
        }),
      ).toBe('expiresAt: must be in the future');
      expect(await message({ product: 'component:default/hello-world' })).toBe(
        "product: 'component:default/hello-world' is not a DataProduct entity ref (kind 'component')",
      );
      expect(
        await message({ product: TOTAL_SALES, team: 'user:default/fiona' }),
      ).toBe("team: 'user:default/fiona' is not a group entity ref");
      // The contract refuses these before any handler: the message names the field.
      expect(await message({})).toMatch(/product/);
      expect(await message({ product: TOTAL_SALES, columns: [] })).toMatch(
        /columns/,
      );
      expect(
        await message({ product: TOTAL_SALES, expiresAt: 'soon' }),
      ).toMatch(/expiresAt/);
      // As the contract's validator words it (see runsApi.test.ts).
      expect(await message({ product: TOTAL_SALES, colums: ['a'] })).toMatch(
        /request\/body must NOT have additional properties/,
      );
      expect((await api.list('platform')).body.items).toEqual([]);
    });

    it('refuses a request for a team the caller is not in', async () => {
      const res = await api.subscribe('consumer', {
        product: TOTAL_SALES,
        team: 'sales-analytics',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'You may only request access for your own teams, not group:default/sales-analytics',
      );
    });

    it('auto-approves access without PII columns where the product allows it, and only that', async () => {
      const plain = await api.subscribe('consumer', {
        product: CAMPAIGNS,
        columns: ['campaign', 'spend'],
      });
      expect(plain.status).toBe(201);
      expect(plain.body.state).toBe('approved');
      const audit = stateChanges(
        (await api.get('consumer', plain.body.id)).body.audit,
      );
      expect(
        audit.map((e: { actor: string; to: string }) => [e.actor, e.to]),
      ).toEqual([
        [ROLES.consumer, 'pending'],
        ['meshwork:auto-approval', 'approved'],
      ]);

      const withPii = await api.subscribe('consumer', {
        product: CAMPAIGNS,
        purpose: 'Contacting campaign leads',
      });
      expect(withPii.status).toBe(201);
      expect(withPii.body.state).toBe('pending');
      // Columns without PII of a product with PII need no purpose.
      const customers = await api.subscribe('consumer', {
        product: CUSTOMERS,
        columns: ['customer_id', 'country'],
      });
      expect(customers.status).toBe(201);
      expect(customers.body.state).toBe('pending');
      // TotalSales does not declare auto-approval.
      expect((await api.get('consumer', await pending())).body.state).toBe(
        'pending',
      );
    });
  });

  describe('the state machine', () => {
    /** A subscription of fiona's team brought into `state` through the API. */
    async function inState(state: string): Promise<string> {
      switch (state) {
        case 'pending':
          return pending();
        case 'approved':
          return approved();
        case 'denied': {
          const s = await pending();
          expect((await api.act('owner', s, 'deny', 'No')).status).toBe(200);
          return s;
        }
        case 'withdrawn': {
          const s = await pending();
          expect((await api.act('consumer', s, 'withdraw')).status).toBe(200);
          return s;
        }
        case 'revoked': {
          const s = await approved();
          expect((await api.act('owner', s, 'revoke', 'Done')).status).toBe(
            200,
          );
          return s;
        }
        case 'expired': {
          const res = await api.subscribe('consumer', {
            product: TOTAL_SALES,
            purpose: 'Quarter close',
            expiresAt: '2099-01-01T00:00:00Z',
          });
          expect((await api.act('owner', res.body.id, 'approve')).status).toBe(
            200,
          );
          const store = await SubscriptionStore.create({
            database: databaseService(knex),
          });
          await store.expireDue(new Date('2099-01-01T00:00:00Z'));
          return res.body.id;
        }
        default:
          throw new Error(state);
      }
    }

    const LEGAL = new Set([
      'pending approve',
      'pending deny',
      'pending withdraw',
      'approved revoke',
    ]);
    const STATES = [
      'pending',
      'approved',
      'denied',
      'withdrawn',
      'revoked',
      'expired',
    ];
    const ACTIONS = ['approve', 'deny', 'revoke', 'withdraw'];

    it('refuses every illegal transition with 409 and changes nothing', async () => {
      let refused = 0;
      for (const state of STATES) {
        for (const action of ACTIONS) {
          if (LEGAL.has(`${state} ${action}`)) continue;
          const subscriptionId = await inState(state);
          const before = await api.get('platform', subscriptionId);
          expect(before.body.state).toBe(state);
          const caller = action === 'withdraw' ? 'consumer' : 'owner';
          const res = await api.act(caller, subscriptionId, action, 'Because');
          expect({ state, action, status: res.status }).toEqual({
            state,
            action,
            status: 409,
          });
          expect((await api.get('platform', subscriptionId)).body).toEqual(
            before.body,
          );
          refused++;
          // Leave no pending request behind for the next one.
          if (state === 'pending') {
            await api.act('consumer', subscriptionId, 'withdraw');
          }
        }
      }
      expect(refused).toBe(20);
    });

    it('records each decision with who, when and why', async () => {
      const subscriptionId = await approved();
      const revoked = await api.act(
        'owner',
        subscriptionId,
        'revoke',
        'The report was retired',
      );
      expect(revoked.status).toBe(200);
      expect(revoked.body.state).toBe('revoked');
      expect(
        stateChanges(revoked.body.audit).map((e: Record<string, string>) => ({
          actor: e.actor,
          from: e.from,
          to: e.to,
          reason: e.reason,
        })),
      ).toEqual([
        {
          actor: ROLES.consumer,
          from: undefined,
          to: 'pending',
          reason: 'Monthly revenue report',
        },
        {
          actor: ROLES.owner,
          from: 'pending',
          to: 'approved',
          reason: undefined,
        },
        {
          actor: ROLES.owner,
          from: 'approved',
          to: 'revoked',
          reason: 'The report was retired',
        },
      ]);
    });

    it('needs a reason to deny or revoke', async () => {
      const subscriptionId = await pending();
      const res = await api.act('owner', subscriptionId, 'deny', ' ');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'reason: required to deny a subscription',
      );
      expect((await api.get('owner', subscriptionId)).body.state).toBe(
        'pending',
      );
    });

    it('answers 404 for an unknown subscription and 400 for an unknown action', async () => {
      expect((await api.get('owner', 'nope')).status).toBe(404);
      expect((await api.act('owner', 'nope', 'approve')).status).toBe(404);
      const subscriptionId = await pending();
      expect((await api.act('owner', subscriptionId, 'expire')).status).toBe(
        400,
      );
    });

    it('ends concurrent approve and deny in exactly one decision', async () => {
      const subscriptionId = await pending();
      const [approve, deny] = await Promise.all([
        api.act('owner', subscriptionId, 'approve', 'Yes'),
        api.act('owner', subscriptionId, 'deny', 'No'),
      ]);
      expect([approve.status, deny.status].sort()).toEqual([200, 409]);
      const final = (await api.get('owner', subscriptionId)).body;
      expect(final.state).toBe(approve.status === 200 ? 'approved' : 'denied');
      expect(stateChanges(final.audit)).toHaveLength(2);
    });
  });

  it('keeps a pending request across a restart of the backend', async () => {
    const subscriptionId = await pending();
    await backend.stop();
    backend = await startBackend(knex);
    api = client(backend);
    const approve = await api.act('owner', subscriptionId, 'approve', 'OK');
    expect(approve.status).toBe(200);
    expect(
      stateChanges(approve.body.audit).map((e: { to: string }) => e.to),
    ).toEqual(['pending', 'approved']);
  });
});

describe('subscriptions approved centrally', () => {
  let backend: Backend;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    backend = await startBackend(knex, { approvers: 'central' });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('lets the platform team decide, and not the owning team', async () => {
    const api = client(backend);
    const res = await api.subscribe('consumer', {
      product: TOTAL_SALES,
      purpose: 'Monthly revenue report',
    });
    const outcome: Record<string, number> = {};
    for (const caller of [
      'owner',
      'otherProducer',
      'consumer',
      'platform',
    ] as const) {
      outcome[caller] = (await api.act(caller, res.body.id, 'approve')).status;
    }
    expect(outcome).toEqual({
      owner: 403,
      otherProducer: 403,
      consumer: 403,
      platform: 200,
    });
    // The owning team still sees its product's subscriptions? No: it is
    // no longer their approver, and they are not the requesting team.
    expect((await api.get('owner', res.body.id)).status).toBe(403);
  });
});
