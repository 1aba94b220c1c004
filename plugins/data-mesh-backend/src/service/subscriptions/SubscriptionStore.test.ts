import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { TRANSITIONS, SubscriptionAction } from './stateMachine';
import {
  RequestSubscriptionInput,
  SubscriptionStore,
} from './SubscriptionStore';
import { SubscriptionState } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function databaseService(knex: Knex, skip = false): DatabaseService {
  return { getClient: async () => knex, migrations: { skip } };
}

const at = (iso: string) => new Date(iso);

const CONTRACT = {
  schema: [{ name: 'total_sales', properties: [{ name: 'currency' }] }],
};

function requestInput(
  overrides: Partial<RequestSubscriptionInput> = {},
): RequestSubscriptionInput {
  return {
    product: 'dataproduct:default/total-sales',
    project: 'hello-world',
    dataset: 'TotalSales',
    requester: 'user:default/fiona',
    team: 'group:default/finance-insights',
    purpose: 'Monthly revenue report',
    columns: ['currency', 'net_revenue'],
    contractVersion: 'sha256:abc',
    contract: CONTRACT,
    at: at('2026-03-01T09:00:00Z'),
    ...overrides,
  };
}

/** A subscription brought into `state` through legal transitions. */
async function inState(store: SubscriptionStore, state: SubscriptionState) {
  const { subscription } = await store.request(
    requestInput({ team: `group:default/team-${state}` }),
  );
  const path: Record<SubscriptionState, SubscriptionAction[]> = {
    pending: [],
    approved: ['approve'],
    denied: ['deny'],
    withdrawn: ['withdraw'],
    revoked: ['approve', 'revoke'],
    expired: ['approve', 'expire'],
  };
  for (const action of path[state]) {
    await store.transition(subscription.id, {
      action,
      actor: 'user:default/sam',
      at: at('2026-03-02T09:00:00Z'),
    });
  }
  return subscription.id;
}

describe.each(databases.eachSupportedId())('SubscriptionStore on %p', id => {
  let knex: Knex;
  let store: SubscriptionStore;

  beforeEach(async () => {
    knex = await databases.init(id as TestDatabaseId);
    store = await SubscriptionStore.create({ database: databaseService(knex) });
  });

  it('records a request and its decision with an audit entry for each', async () => {
    const { subscription, created } = await store.request(
      requestInput({ expiresAt: at('2026-06-01T00:00:00Z') }),
    );
    expect(created).toBe(true);
    expect(subscription.id).toMatch(/^[0-9a-f-]{36}$/);

    const approved = await store.transition(subscription.id, {
      action: 'approve',
      actor: 'user:default/sam',
      reason: 'For the finance report',
      at: at('2026-03-01T10:00:00Z'),
    });
    expect(approved).toEqual({
      id: subscription.id,
      product: 'dataproduct:default/total-sales',
      project: 'hello-world',
      dataset: 'TotalSales',
      requester: 'user:default/fiona',
      team: 'group:default/finance-insights',
      purpose: 'Monthly revenue report',
      columns: ['currency', 'net_revenue'],
      expiresAt: at('2026-06-01T00:00:00Z'),
      contractVersion: 'sha256:abc',
      contract: CONTRACT,
      state: 'approved',
      grantStatus: 'none',
      createdAt: at('2026-03-01T09:00:00Z'),
      updatedAt: at('2026-03-01T10:00:00Z'),
    });
    expect((await store.getWithAudit(subscription.id)).audit).toEqual([
      {
        at: at('2026-03-01T09:00:00Z'),
        actor: 'user:default/fiona',
        to: 'pending',
        reason: 'Monthly revenue report',
      },
      {
        at: at('2026-03-01T10:00:00Z'),
        actor: 'user:default/sam',
        from: 'pending',
        to: 'approved',
        reason: 'For the finance report',
      },
    ]);
  });

  it('keeps all columns, no purpose and no expiry as absent', async () => {
    const { subscription } = await store.request(
      requestInput({ columns: undefined, purpose: undefined }),
    );
    const read = await store.get(subscription.id);
    expect(read.columns).toBeUndefined();
    expect(read.purpose).toBeUndefined();
    expect(read.expiresAt).toBeUndefined();
  });

  it('returns the pending request of the same team and product instead of a second', async () => {
    const first = await store.request(requestInput());
    const again = await store.request(
      requestInput({ requester: 'user:default/fred', purpose: 'Another' }),
    );
    expect(again.created).toBe(false);
    expect(again.subscription).toEqual(first.subscription);

    const otherTeam = await store.request(
      requestInput({ team: 'group:default/marketing' }),
    );
    expect(otherTeam.created).toBe(true);
    expect(await store.list()).toHaveLength(2);

    // Once decided, the team may ask again.
    await store.transition(first.subscription.id, {
      action: 'deny',
      actor: 'user:default/sam',
      at: at('2026-03-01T10:00:00Z'),
    });
    const afterDenial = await store.request(requestInput());
    expect(afterDenial.created).toBe(true);
  });

  it('creates one pending request when the same team asks many times at once', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => store.request(requestInput())),
    );
    expect(outcomes.filter(o => o.created)).toHaveLength(1);
    expect(new Set(outcomes.map(o => o.subscription.id)).size).toBe(1);
    expect(await store.list()).toHaveLength(1);
  });

  it('refuses every transition from a state it does not start from, changing nothing', async () => {
    const states: SubscriptionState[] = [
      'pending',
      'approved',
      'denied',
      'withdrawn',
      'revoked',
      'expired',
    ];
    let refused = 0;
    for (const state of states) {
      for (const action of Object.keys(TRANSITIONS) as SubscriptionAction[]) {
        if (TRANSITIONS[action].from === state) continue;
        const subscriptionId = await inState(store, state);
        const before = await store.getWithAudit(subscriptionId);
        await expect(
          store.transition(subscriptionId, {
            action,
            actor: 'user:default/sam',
            at: at('2026-03-03T09:00:00Z'),
          }),
        ).rejects.toThrow(ConflictError);
        expect(await store.getWithAudit(subscriptionId)).toEqual(before);
        refused++;
      }
    }
    // 6 states × 5 actions, less the 5 legal ones.
    expect(refused).toBe(25);
  });

  it('reports an unknown subscription as not found', async () => {
    await expect(store.get('nope')).rejects.toThrow(NotFoundError);
    await expect(
      store.transition('nope', {
        action: 'approve',
        actor: 'user:default/sam',
        at: new Date(),
      }),
    ).rejects.toThrow(NotFoundError);
  });

  it('ends concurrent approve and deny in exactly one decision', async () => {
    for (let round = 0; round < 5; round++) {
      const { subscription } = await store.request(
        requestInput({ team: `group:default/race-${round}` }),
      );
      const current = store;
      const outcomes = await Promise.allSettled(
        (['approve', 'deny'] as const).map(action =>
          current.transition(subscription.id, {
            action,
            actor: 'user:default/sam',
            at: at('2026-03-01T10:00:00Z'),
          }),
        ),
      );
      const won = outcomes.filter(o => o.status === 'fulfilled');
      const lost = outcomes.filter(o => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(
        ConflictError,
      );
      const final = await store.getWithAudit(subscription.id);
      expect(final.state).toBe(
        (won[0] as PromiseFulfilledResult<{ state: string }>).value.state,
      );
      expect(final.audit).toHaveLength(2);
    }
  });

  it('lists by product, team and state, newest first', async () => {
    const a = await store.request(requestInput());
    const b = await store.request(
      requestInput({
        team: 'group:default/marketing',
        at: at('2026-03-02T09:00:00Z'),
      }),
    );
    const c = await store.request(
      requestInput({
        product: 'dataproduct:default/customers',
        at: at('2026-03-03T09:00:00Z'),
      }),
    );
    await store.transition(b.subscription.id, {
      action: 'approve',
      actor: 'user:default/sam',
      at: at('2026-03-04T09:00:00Z'),
    });
    const ids = (subscriptions: { id: string }[]) =>
      subscriptions.map(s => s.id);
    expect(ids(await store.list())).toEqual([
      c.subscription.id,
      b.subscription.id,
      a.subscription.id,
    ]);
    expect(
      ids(await store.list({ product: 'dataproduct:default/total-sales' })),
    ).toEqual([b.subscription.id, a.subscription.id]);
    expect(
      ids(await store.list({ team: 'group:default/finance-insights' })),
    ).toEqual([c.subscription.id, a.subscription.id]);
    expect(ids(await store.list({ state: 'approved' }))).toEqual([
      b.subscription.id,
    ]);
  });

  it('expires approved subscriptions past their expiry, once', async () => {
    const due = await store.request(
      requestInput({ expiresAt: at('2026-04-01T00:00:00Z') }),
    );
    const later = await store.request(
      requestInput({
        team: 'group:default/marketing',
        expiresAt: at('2026-05-01T00:00:00Z'),
      }),
    );
    const pendingPastExpiry = await store.request(
      requestInput({
        team: 'group:default/sales',
        expiresAt: at('2026-03-15T00:00:00Z'),
      }),
    );
    for (const { subscription } of [due, later]) {
      await store.transition(subscription.id, {
        action: 'approve',
        actor: 'user:default/sam',
        at: at('2026-03-02T00:00:00Z'),
      });
    }
    const expired = await store.expireDue(at('2026-04-01T00:00:00Z'));
    expect(expired.map(s => s.id)).toEqual([due.subscription.id]);
    expect((await store.get(later.subscription.id)).state).toBe('approved');
    expect((await store.get(pendingPastExpiry.subscription.id)).state).toBe(
      'pending',
    );
    expect(
      (await store.getWithAudit(due.subscription.id)).audit.at(-1),
    ).toEqual({
      at: at('2026-04-01T00:00:00Z'),
      actor: 'meshwork:expiry',
      from: 'approved',
      to: 'expired',
      reason: 'The subscription reached its expiry date',
    });
    expect(await store.expireDue(at('2026-04-02T00:00:00Z'))).toEqual([]);
  });

  it('keeps what a previous store recorded', async () => {
    const { subscription } = await store.request(requestInput());
    const reopened = await SubscriptionStore.create({
      database: databaseService(knex),
    });
    expect((await reopened.get(subscription.id)).state).toBe('pending');
    expect(
      (
        await reopened.transition(subscription.id, {
          action: 'approve',
          actor: 'user:default/sam',
          at: at('2026-03-01T10:00:00Z'),
        })
      ).state,
    ).toBe('approved');
  });
});
