import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  dataProductApprovePermission,
  dataProductRequestAccessPermission,
  dataProductSubscriptionsReadAllPermission,
  RESOURCE_TYPE_DATA_PRODUCT,
} from '@meshwork/data-mesh-common';
import { normalizeOwnerRef } from '@meshwork/data-mesh-node';
import { normalizeProductRef, ProductDirectory } from './ProductDirectory';
import { SubscriptionAction } from './stateMachine';
import {
  ListSubscriptionsFilter,
  SubscriptionStore,
} from './SubscriptionStore';
import type {
  Subscription,
  SubscriptionState,
  SubscriptionWithAudit,
} from './types';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** The actor of the audit entry of an automatic approval. */
export const AUTO_APPROVAL_ACTOR = 'meshwork:auto-approval';

/** A request for access as the API receives it, checked by its contract. */
export interface SubscriptionRequestBody {
  product: string;
  team?: string;
  purpose?: string;
  columns?: string[];
  expiresAt?: string;
}

export interface ListSubscriptionsQuery {
  product?: string;
  team?: string;
  state?: SubscriptionState;
  /** Only the caller's own teams' subscriptions. */
  mine?: boolean;
}

/** The actions people take through the API; expiry is the portal's. */
export type DecisionAction = Exclude<SubscriptionAction, 'expire'>;

const REASON_REQUIRED: ReadonlySet<DecisionAction> = new Set([
  'deny',
  'revoke',
]);

/** Who the caller is: their entity ref and ownership claims, lower case. */
interface Caller {
  credentials: UserCredentials;
  user: string;
  claims: Set<string>;
}

/**
 * Requests for access to data products and their decisions, as the
 * permission framework allows them: anyone signed in requests a published
 * product for one of their teams; the product's approvers
 * (`data-mesh.data-product.approve`) approve, deny and revoke; the
 * requesting team withdraws its pending request. Each subscription is
 * visible to its team, to its product's approvers, and to holders of
 * `data-mesh.subscription.read-all`.
 */
export class SubscriptionService {
  constructor(
    private readonly options: {
      readonly store: SubscriptionStore;
      readonly products: ProductDirectory;
      readonly permissions: PermissionsService;
      readonly userInfo: UserInfoService;
      readonly now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * Records a request (`created: true`), or returns the team's pending
   * request for the product. Auto-approves it when the product allows that
   * and no requested column holds PII.
   */
  async request(
    credentials: UserCredentials,
    body: SubscriptionRequestBody,
  ): Promise<{ subscription: Subscription; created: boolean }> {
    const caller = await this.caller(credentials);
    const ref = normalizeProductRef(body.product, 'product');
    // With the caller's credentials: a product they cannot see (an
    // internal one of another team) is not found, as in the catalog.
    const product = await this.options.products.get(ref, credentials);
    if (!product) {
      throw new NotFoundError(`No DataProduct '${ref}'`);
    }
    await this.authorize(
      caller,
      dataProductRequestAccessPermission,
      ref,
      () => `You may not request access to ${ref}`,
    );
    if (product.visibility !== 'published') {
      throw new ConflictError(
        `${product.title} is ${product.visibility}: only published data products can be requested`,
      );
    }
    const team = this.consumingTeam(caller, body.team);

    let columns: string[] | undefined;
    if (body.columns) {
      const known = new Set(product.columns);
      body.columns.forEach((column, index) => {
        if (!known.has(column)) {
          throw new InputError(
            `columns[${index}]: '${column}' is not a column of ${
              product.title
            } (its columns: ${product.columns.join(', ')})`,
          );
        }
      });
      // In contract order, each once.
      const asked = new Set(body.columns);
      columns = product.columns.filter(column => asked.has(column));
    }

    // Personal data needs a reason, and a person to weigh it.
    const requested = columns ?? product.columns;
    const piiAsked = requested.filter(c => product.piiColumns.includes(c));
    const purpose = body.purpose?.trim() || undefined;
    if (piiAsked.length > 0 && !purpose) {
      throw new InputError(
        `purpose: required, because ${
          product.title
        } holds personal data in the columns asked for (${piiAsked.join(
          ', ',
        )})`,
      );
    }

    const now = this.now();
    let expiresAt: Date | undefined;
    if (body.expiresAt !== undefined) {
      expiresAt = new Date(body.expiresAt);
      if (Number.isNaN(expiresAt.getTime())) {
        throw new InputError(
          `expiresAt: '${body.expiresAt}' is not a date-time`,
        );
      }
      if (expiresAt.getTime() <= now.getTime()) {
        throw new InputError('expiresAt: must be in the future');
      }
    }

    const outcome = await this.options.store.request({
      product: ref,
      project: product.project,
      dataset: product.dataset,
      requester: caller.user,
      team,
      purpose,
      columns,
      expiresAt,
      contractVersion: product.contractVersion,
      contract: product.contract,
      at: now,
    });
    if (outcome.created && product.autoApprove && piiAsked.length === 0) {
      const approved = await this.options.store.transition(
        outcome.subscription.id,
        {
          action: 'approve',
          actor: AUTO_APPROVAL_ACTOR,
          reason: `${product.title} approves access without PII columns automatically`,
          at: now,
        },
      );
      return { subscription: approved, created: true };
    }
    return outcome;
  }

  /** The subscriptions the caller may see that match the query. */
  async list(
    credentials: UserCredentials,
    query: ListSubscriptionsQuery,
  ): Promise<Subscription[]> {
    const caller = await this.caller(credentials);
    const filter: ListSubscriptionsFilter = {
      ...(query.product && {
        product: normalizeProductRef(query.product, 'product'),
      }),
      ...(query.team && { team: normalizeOwnerRef(query.team) }),
      ...(query.state && { state: query.state }),
    };
    const all = await this.options.store.list(filter);
    const own = (s: Subscription) => this.isOwn(caller, s);
    if (query.mine) return all.filter(own);
    if (await this.allowed(caller, dataProductSubscriptionsReadAllPermission)) {
      return all;
    }
    const others = [...new Set(all.filter(s => !own(s)).map(s => s.product))];
    const approvable = await this.approvableProducts(caller, others);
    return all.filter(s => own(s) || approvable.has(s.product));
  }

  /** One subscription with its audit log; 403 unless the caller may see it. */
  async get(
    credentials: UserCredentials,
    id: string,
  ): Promise<SubscriptionWithAudit> {
    const caller = await this.caller(credentials);
    const subscription = await this.options.store.getWithAudit(id);
    if (
      !this.isOwn(caller, subscription) &&
      !(await this.allowed(
        caller,
        dataProductSubscriptionsReadAllPermission,
      )) &&
      !(await this.approvableProducts(caller, [subscription.product])).size
    ) {
      throw new NotAllowedError(`You may not see subscription '${id}'`);
    }
    return subscription;
  }

  /**
   * Approves, denies, revokes or withdraws; 403 unless the caller may, 409
   * (and no change) unless the subscription is in the state it starts
   * from.
   */
  async decide(
    credentials: UserCredentials,
    id: string,
    action: DecisionAction,
    reason: string | undefined,
  ): Promise<SubscriptionWithAudit> {
    const caller = await this.caller(credentials);
    const subscription = await this.options.store.get(id);
    if (action === 'withdraw') {
      if (!this.isOwn(caller, subscription)) {
        throw new NotAllowedError(
          `Only ${subscription.team} may withdraw its request '${id}'`,
        );
      }
    } else {
      await this.authorize(
        caller,
        dataProductApprovePermission,
        subscription.product,
        () =>
          `You may not ${action} subscriptions to ${subscription.product}: only its approvers may`,
      );
    }
    const why = reason?.trim() || undefined;
    if (!why && REASON_REQUIRED.has(action)) {
      throw new InputError(`reason: required to ${action} a subscription`);
    }
    await this.options.store.transition(id, {
      action,
      actor: caller.user,
      reason: why,
      at: this.now(),
    });
    return this.options.store.getWithAudit(id);
  }

  private async caller(credentials: UserCredentials): Promise<Caller> {
    const info = await this.options.userInfo.getUserInfo(credentials);
    return {
      credentials,
      user: info.userEntityRef.toLocaleLowerCase('en-US'),
      claims: new Set(info.ownershipEntityRefs.map(normalizeOwnerRef)),
    };
  }

  /** The caller requested it, or is in the team it is for. */
  private isOwn(caller: Caller, subscription: Subscription): boolean {
    return (
      subscription.requester.toLocaleLowerCase('en-US') === caller.user ||
      caller.claims.has(normalizeOwnerRef(subscription.team))
    );
  }

  /**
   * The team asked for, which must be one of the caller's groups; without
   * one, the caller's only group.
   */
  private consumingTeam(caller: Caller, team: string | undefined): string {
    const groups = [...caller.claims].filter(
      claim => parseEntityRef(claim).kind === 'group',
    );
    if (team === undefined) {
      if (groups.length === 1) return groups[0];
      throw new InputError(
        groups.length === 0
          ? 'team: required; you are not a member of any team'
          : `team: required; you are a member of several teams (${groups.join(
              ', ',
            )})`,
      );
    }
    const wanted = normalizeOwnerRef(team);
    if (!wanted.startsWith('group:')) {
      throw new InputError(`team: '${team}' is not a group entity ref`);
    }
    if (!caller.claims.has(wanted)) {
      throw new NotAllowedError(
        `You may only request access for your own teams, not ${wanted}`,
      );
    }
    return wanted;
  }

  private async authorize(
    caller: Caller,
    permission: ResourcePermission<typeof RESOURCE_TYPE_DATA_PRODUCT>,
    product: string,
    message: () => string,
  ): Promise<void> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission, resourceRef: product }],
      { credentials: caller.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(message());
    }
  }

  private async allowed(
    caller: Caller,
    permission: BasicPermission,
  ): Promise<boolean> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials: caller.credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** Those of `products` whose access the caller approves. */
  private async approvableProducts(
    caller: Caller,
    products: string[],
  ): Promise<Set<string>> {
    if (products.length === 0) return new Set();
    const decisions = await this.options.permissions.authorize(
      products.map(product => ({
        permission: dataProductApprovePermission,
        resourceRef: product,
      })),
      { credentials: caller.credentials },
    );
    return new Set(
      products.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
    );
  }
}
