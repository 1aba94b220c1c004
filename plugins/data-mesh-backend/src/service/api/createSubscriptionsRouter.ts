import type { TypedRouter } from '@backstage/backend-openapi-utils';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { EndpointMap } from '../../schema/openapi/generated';
import type { components } from '../../schema/openapi/generated';
import { SUBSCRIPTION_STATES } from '../subscriptions/stateMachine';
import { SubscriptionService } from '../subscriptions/SubscriptionService';
import type {
  Subscription,
  SubscriptionState,
  SubscriptionWithAudit,
} from '../subscriptions/types';
import { parseInput } from './parseInput';

export interface SubscriptionsRouterOptions {
  httpAuth: HttpAuthService;
  subscriptions: SubscriptionService;
}

type ApiSubscription = components['schemas']['Subscription'];
type ApiSubscriptionDetails = components['schemas']['SubscriptionDetails'];

/** Any express request, typed routers' included, as httpAuth takes it. */
type Request = Parameters<HttpAuthService['credentials']>[0];

const name = z.string().min(1);
const states = SUBSCRIPTION_STATES as [
  SubscriptionState,
  ...SubscriptionState[],
];

const requestBody = z.strictObject({
  product: name,
  team: name.optional(),
  purpose: z.string().max(2000).optional(),
  columns: z.array(name).min(1).optional(),
  expiresAt: z.string().datetime({ offset: true }).optional(),
});

const listQuery = z.strictObject({
  product: name.optional(),
  team: name.optional(),
  state: z.enum(states).optional(),
  mine: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform(value => value === true || value === 'true')
    .optional(),
});

const decisionBody = z.strictObject({
  reason: z.string().max(2000).optional(),
});

const action = z.enum(['approve', 'deny', 'revoke', 'withdraw', 'retry-grant']);

function subscriptionToApi(subscription: Subscription): ApiSubscription {
  return {
    id: subscription.id,
    product: subscription.product,
    project: subscription.project,
    dataset: subscription.dataset,
    requester: subscription.requester,
    team: subscription.team,
    ...(subscription.purpose !== undefined && {
      purpose: subscription.purpose,
    }),
    allColumns: subscription.columns === undefined,
    ...(subscription.columns && { columns: subscription.columns }),
    ...(subscription.expiresAt && {
      expiresAt: subscription.expiresAt.toISOString(),
    }),
    contractVersion: subscription.contractVersion,
    state: subscription.state,
    grantStatus: subscription.grantStatus,
    ...(subscription.grantError !== undefined && {
      grantError: subscription.grantError,
    }),
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

function detailsToApi(
  subscription: SubscriptionWithAudit,
): ApiSubscriptionDetails {
  return {
    ...subscriptionToApi(subscription),
    audit: subscription.audit.map(entry => ({
      at: entry.at.toISOString(),
      actor: entry.actor,
      ...(entry.from && { from: entry.from }),
      to: entry.to,
      ...(entry.reason !== undefined && { reason: entry.reason }),
      ...(entry.event && { event: entry.event }),
    })),
  };
}

/**
 * Subscriptions to data products: `POST /subscriptions` asks for access,
 * `GET /subscriptions` and `GET /subscriptions/:id` read them,
 * `POST /subscriptions/:id/{approve,deny,revoke,withdraw}` decide them,
 * `POST /subscriptions/:id/retry-grant` applies a failed grant again.
 * Signed-in users only, except that backends may list them: a
 * subscription is a person's request for a team.
 * Who may do what is {@link SubscriptionService}'s, through the permission
 * framework: `data-mesh.data-product.request-access` to ask,
 * `data-mesh.data-product.approve` on the product to decide or retry a
 * grant, `data-mesh.subscription.read-all` to see others' subscriptions.
 */
export function createSubscriptionsRouter(
  options: SubscriptionsRouterOptions,
): express.Router {
  const { httpAuth, subscriptions } = options;
  const router = Router() as TypedRouter<EndpointMap>;
  const credentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.post('/subscriptions', async (req, res) => {
    const caller = await credentials(req);
    const body = parseInput(requestBody, req.body ?? {}, 'request body');
    const { subscription, created } = await subscriptions.request(caller, body);
    res.status(created ? 201 : 200).json(subscriptionToApi(subscription));
  });

  router.get('/subscriptions', async (req, res) => {
    // Backends too: the catalog reads the approved ones for its relations.
    const caller = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(listQuery, req.query, 'query');
    const items = await subscriptions.list(caller, query);
    res.json({ items: items.map(subscriptionToApi) });
  });

  router.get('/subscriptions/:id', async (req, res) => {
    const caller = await credentials(req);
    res.json(detailsToApi(await subscriptions.get(caller, req.params.id)));
  });

  router.post('/subscriptions/:id/:action', async (req, res) => {
    const caller = await credentials(req);
    const verb = parseInput(action, req.params.action, 'action');
    const body = parseInput(decisionBody, req.body ?? {}, 'request body');
    const decided =
      verb === 'retry-grant'
        ? await subscriptions.retryGrant(caller, req.params.id)
        : await subscriptions.decide(caller, req.params.id, verb, body.reason);
    res.json(detailsToApi(decided));
  });

  return router;
}
