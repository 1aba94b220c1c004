/** @jest-environment node */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { ProductDirectory, SubscribableProduct } from './ProductDirectory';
import { SubscriptionGrants } from './SubscriptionGrants';
import { SubscriptionNotifier } from './SubscriptionNotifier';
import { SubscriptionService } from './SubscriptionService';
import { SubscriptionStore } from './SubscriptionStore';
import type { Subscription } from './types';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SALES = 'group:default/sales-analytics';
const FINANCE = 'group:default/finance-insights';
const FIONA = 'user:default/fiona';
const SAM = 'user:default/sam';
const TOTAL_SALES = 'dataproduct:default/total-sales';

const PRODUCT: SubscribableProduct = {
  ref: TOTAL_SALES,
  title: 'TotalSales',
  project: 'hello-world',
  dataset: 'TotalSales',
  owners: [SALES],
  visibility: 'published',
  columns: ['currency', 'net_revenue'],
  piiColumns: [],
  containsPii: false,
  autoApprove: false,
  contract: {},
  contractVersion: 'sha256:0',
};

/** A warehouse that records grants, and refuses them while `failing` says why. */
function fakeGrants() {
  const calls: Array<[string, string]> = [];
  const state = { failing: undefined as string | undefined };
  const grants = {
    async grant(subscription: Subscription) {
      calls.push(['grant', subscription.id]);
      if (state.failing) throw new Error(state.failing);
    },
    async revoke(subscription: Subscription) {
      calls.push(['revoke', subscription.id]);
      if (state.failing) throw new Error(state.failing);
    },
  } as unknown as SubscriptionGrants;
  return { grants, calls, state };
}

describe.each(databases.eachSupportedId())('grants of subscriptions on %p', id => {
  let store: SubscriptionStore;
  let warehouse: ReturnType<typeof fakeGrants>;
  let sent: NotificationSendOptions[];
  let now: Date;
  let service: SubscriptionService;

  const as = (user: string) => mockCredentials.user(user);

  beforeAll(async () => {
    const knex = await databases.init(id);
    store = await SubscriptionStore.create({
      database: { getClient: async () => knex },
    });
  });

  beforeEach(() => {
    warehouse = fakeGrants();
    sent = [];
    now = new Date('2026-12-01T09:00:00Z');
    service = new SubscriptionService({
      store,
      products: {
        get: async () => PRODUCT,
      } as unknown as ProductDirectory,
      permissions: {
        authorize: async (requests: unknown[]) =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        authorizeConditional: async () => [],
      } as any,
      userInfo: {
        getUserInfo: async (credentials: any) => {
          const user = credentials.principal.userEntityRef;
          return {
            userEntityRef: user,
            ownershipEntityRefs: [user, user === FIONA ? FINANCE : SALES],
          };
        },
      },
      grants: warehouse.grants,
      notifier: new SubscriptionNotifier({
        notifications: { send: async n => void sent.push(n) },
        logger: mockServices.logger.mock(),
      }),
      logger: mockServices.logger.mock(),
      now: () => now,
    });
  });

  async function requestAccess(body: object = {}) {
    const { subscription } = await service.request(as(FIONA), {
      product: TOTAL_SALES,
      purpose: 'Monthly report',
      ...body,
    });
    return subscription;
  }

  it('tells the approvers of a request, with a link to the Consumers tab', async () => {
    await requestAccess();
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: SALES },
        payload: expect.objectContaining({
          title: 'finance-insights requests access to TotalSales',
          link: '/catalog/default/dataproduct/total-sales/consumers',
          topic: 'data-mesh:subscription-requested',
        }),
      },
    ]);
    expect(sent[0].payload.description).toContain('Purpose: Monthly report.');
  });

  it('grants on approval and tells the requester', async () => {
    const pending = await requestAccess();
    sent.length = 0;
    const approved = await service.decide(as(SAM), pending.id, 'approve', 'OK');
    expect(approved).toMatchObject({ state: 'approved', grantStatus: 'granted' });
    expect(approved.grantError).toBeUndefined();
    expect(warehouse.calls).toEqual([['grant', pending.id]]);
    expect(approved.audit.map(e => e.event)).toEqual([
      undefined,
      undefined,
      'grant-applied',
    ]);
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: FIONA },
        payload: expect.objectContaining({
          title: 'Access to total-sales approved',
          link: '/catalog/default/dataproduct/total-sales',
        }),
      },
    ]);

    await service.decide(as(SAM), pending.id, 'revoke', 'Retired');
    expect(warehouse.calls).toEqual([
      ['grant', pending.id],
      ['revoke', pending.id],
    ]);
    const revoked = await store.getWithAudit(pending.id);
    expect(revoked).toMatchObject({ state: 'revoked', grantStatus: 'none' });
    expect(sent.map(n => n.payload.title)).toContain(
      'Access to total-sales revoked',
    );
  });

  it('keeps a failed grant approved with its error, and retries it', async () => {
    const pending = await requestAccess({ team: FINANCE });
    warehouse.state.failing = '[PRINCIPAL_DOES_NOT_EXIST] finance-insights';
    const approved = await service.decide(as(SAM), pending.id, 'approve', undefined);
    expect(approved).toMatchObject({
      state: 'approved',
      grantStatus: 'failed',
      grantError: '[PRINCIPAL_DOES_NOT_EXIST] finance-insights',
    });
    expect(approved.audit.at(-1)).toMatchObject({
      event: 'grant-failed',
      from: 'approved',
      to: 'approved',
      reason: '[PRINCIPAL_DOES_NOT_EXIST] finance-insights',
    });
    // The approvers hear of it, to fix and retry.
    expect(
      sent.find(n => n.payload.topic === 'data-mesh:subscription-grant-failed')
        ?.recipients,
    ).toEqual({ type: 'entity', entityRef: SALES });

    warehouse.state.failing = undefined;
    const retried = await service.retryGrant(as(SAM), pending.id);
    expect(retried).toMatchObject({ state: 'approved', grantStatus: 'granted' });
    expect(retried.grantError).toBeUndefined();

    // Nothing left to retry now.
    await expect(service.retryGrant(as(SAM), pending.id)).rejects.toThrow(
      /only an approved subscription whose grant failed/,
    );
  });

  it('refuses to retry the grant of a pending request', async () => {
    const pending = await requestAccess({ team: FINANCE, columns: ['currency'] });
    await expect(service.retryGrant(as(SAM), pending.id)).rejects.toMatchObject(
      { name: 'ConflictError' },
    );
    expect(warehouse.calls).toEqual([]);
    await service.decide(as(FIONA), pending.id, 'withdraw', undefined);
  });

  it('keeps a revoked grant that could not be removed, and removes it later', async () => {
    const pending = await requestAccess();
    await service.decide(as(SAM), pending.id, 'approve', undefined);
    warehouse.state.failing = 'warehouse unreachable';
    await service.decide(as(SAM), pending.id, 'revoke', 'Retired');
    const stuck = await store.get(pending.id);
    // Revoked in the portal; the warehouse may still allow access, and
    // the status says so.
    expect(stuck).toMatchObject({
      state: 'revoked',
      grantStatus: 'granted',
      grantError: 'warehouse unreachable',
    });

    warehouse.state.failing = undefined;
    await service.checkExpiries(now);
    expect(await store.get(pending.id)).toMatchObject({
      state: 'revoked',
      grantStatus: 'none',
    });
    expect(warehouse.calls.filter(([, sid]) => sid === pending.id)).toEqual([
      ['grant', pending.id],
      ['revoke', pending.id],
      ['revoke', pending.id],
    ]);
  });

  it('warns of an expiry once, then expires and removes the grant', async () => {
    const pending = await requestAccess({
      expiresAt: '2026-12-05T09:00:00Z',
    });
    await service.decide(as(SAM), pending.id, 'approve', undefined);
    sent.length = 0;

    now = new Date('2026-12-01T10:00:00Z'); // 4 days before: too early
    await service.checkExpiries(now);
    expect(sent).toEqual([]);

    now = new Date('2026-12-02T10:00:00Z'); // within 3 days
    await service.checkExpiries(now);
    await service.checkExpiries(now);
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: FIONA },
        payload: expect.objectContaining({
          title: 'Access to total-sales expires in 3 days',
          link: '/catalog/default/dataproduct/total-sales',
          topic: 'data-mesh:subscription-expiring',
        }),
      },
    ]);

    now = new Date('2026-12-05T09:00:00Z');
    await service.checkExpiries(now);
    expect(await store.get(pending.id)).toMatchObject({
      state: 'expired',
      grantStatus: 'none',
    });
    expect(warehouse.calls.at(-1)).toEqual(['revoke', pending.id]);
  });
});
