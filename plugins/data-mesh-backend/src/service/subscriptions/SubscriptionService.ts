import {
  BackstageCredentials,
  LoggerService,
  BackstageServicePrincipal,
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
import type { SubscriptionGrants } from './SubscriptionGrants';
import type { SubscriptionNotifier } from './SubscriptionNotifier';
import { approversOf, SubscriptionSettings } from './subscriptionSettings';
import {
  ListSubscriptionsFilter,
  SubscriptionStore,
} from './SubscriptionStore';
import type {
  GrantEvent,
  Subscription,
  SubscriptionState,
  SubscriptionWithAudit,
} from './types';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;
type ServiceCredentials = BackstageCredentials<BackstageServicePrincipal>;
type UserOrServiceCredentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

function isService(
  credentials: UserOrServiceCredentials,
): credentials is ServiceCredentials {
  return credentials.principal.type === 'service';
}

/** The actor of the audit entry of an automatic approval. */
export const AUTO_APPROVAL_ACTOR = 'meshwork:auto-approval';

/** The actor of what the scheduled expiry check does. */
export const EXPIRY_ACTOR = 'meshwork:expiry';

/** `dataMesh.subscriptions.expiryWarningDays` when not configured. */
export const DEFAULT_EXPIRY_WARNING_DAYS = 3;

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
      /** Applies approved access in the warehouse; without it, none is. */
      readonly grants?: SubscriptionGrants;
      readonly notifier?: SubscriptionNotifier;
      /** Who approves, for notifications; each product's owners by default. */
      readonly settings?: SubscriptionSettings;
      readonly logger?: LoggerService;
      /** How long before its expiry the requester is warned; 3 days by default. */
      readonly expiryWarningDays?: number;
      /**
       * Told of every subscription whose state changed, once the change is
       * stored (e.g. to publish `SUBSCRIPTION_CHANGED_TOPIC`); must not
       * throw, the change stands whatever it does.
       */
      readonly onChange?: (subscription: Subscription) => Promise<void>;
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
      const granted = await this.afterDecision(approved, AUTO_APPROVAL_ACTOR);
      await this.options.onChange?.(granted);
      return { subscription: granted, created: true };
    }
    if (outcome.created) {
      await this.options.notifier?.requested(
        outcome.subscription,
        product,
        this.approvers(product.owners),
      );
      await this.options.onChange?.(outcome.subscription);
    }
    return outcome;
  }

  /**
   * The subscriptions the caller may see that match the query. A backend
   * calling on its own behalf (the catalog's DataProduct provider) sees
   * all of them with `data-mesh.subscription.read-all`, and has no teams
   * of its own for `mine`.
   */
  async list(
    credentials: UserOrServiceCredentials,
    query: ListSubscriptionsQuery,
  ): Promise<Subscription[]> {
    const filter: ListSubscriptionsFilter = {
      ...(query.product && {
        product: normalizeProductRef(query.product, 'product'),
      }),
      ...(query.team && { team: normalizeOwnerRef(query.team) }),
      ...(query.state && { state: query.state }),
    };
    if (isService(credentials)) {
      if (query.mine) {
        throw new InputError('mine: only users have teams of their own');
      }
      if (
        !(await this.allowed(
          credentials,
          dataProductSubscriptionsReadAllPermission,
        ))
      ) {
        throw new NotAllowedError('You may not list every subscription');
      }
      return this.options.store.list(filter);
    }
    const caller = await this.caller(credentials as UserCredentials);
    const all = await this.options.store.list(filter);
    const own = (s: Subscription) => this.isOwn(caller, s);
    if (query.mine) return all.filter(own);
    if (
      await this.allowed(
        caller.credentials,
        dataProductSubscriptionsReadAllPermission,
      )
    ) {
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
        caller.credentials,
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
    const changed = await this.options.store.transition(id, {
      action,
      actor: caller.user,
      reason: why,
      at: this.now(),
    });
    const settled = await this.afterDecision(changed, caller.user, why);
    await this.options.onChange?.(settled);
    return this.options.store.getWithAudit(id);
  }

  /**
   * Applies the grant of an approved subscription again after it failed;
   * for its product's approvers, and a 409 unless it is approved and its
   * grant failed.
   */
  async retryGrant(
    credentials: UserCredentials,
    id: string,
  ): Promise<SubscriptionWithAudit> {
    const caller = await this.caller(credentials);
    const subscription = await this.options.store.get(id);
    await this.authorize(
      caller,
      dataProductApprovePermission,
      subscription.product,
      () =>
        `You may not retry grants of subscriptions to ${subscription.product}: only its approvers may`,
    );
    if (
      subscription.state !== 'approved' ||
      subscription.grantStatus !== 'failed'
    ) {
      throw new ConflictError(
        `Cannot retry the grant of subscription '${id}': only an approved subscription whose grant failed can, and it is ${subscription.state} with grant ${subscription.grantStatus}`,
      );
    }
    await this.applyGrant(subscription, caller.user);
    return this.options.store.getWithAudit(id);
  }

  /**
   * The portal's own work on subscriptions, on a schedule: expires those
   * past their expiry and removes their grants, retries removing grants
   * that failed to go, and warns requesters of expiries coming up (once
   * each).
   */
  async checkExpiries(now: Date = this.now()): Promise<void> {
    for (const expired of await this.options.store.expireDue(now)) {
      await this.options.onChange?.(
        await this.removeGrant(expired, EXPIRY_ACTOR),
      );
    }
    for (const revoked of await this.options.store.listGrantsToRemove()) {
      await this.removeGrant(revoked, EXPIRY_ACTOR);
    }
    const notifier = this.options.notifier;
    if (!notifier) return;
    const days = this.options.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS;
    const until = new Date(now.getTime() + days * 86_400_000);
    const store = this.options.store;
    for (const expiring of await store.listExpiringUnwarned(now, until)) {
      if (!(await store.claimExpiryWarning(expiring.id, now))) continue;
      try {
        await notifier.expiring(expiring, now);
      } catch (error) {
        await store.releaseExpiryWarning(expiring.id);
        this.options.logger?.warn(
          `Could not warn ${expiring.requester} that subscription ${
            expiring.id
          } expires: ${(error as Error).message}`,
        );
      }
    }
  }

  /**
   * What follows a decision: the grant applied on approval or removed on
   * revocation, and the requester told.
   */
  private async afterDecision(
    subscription: Subscription,
    actor: string,
    reason?: string,
  ): Promise<Subscription> {
    let settled = subscription;
    if (subscription.state === 'approved') {
      settled = await this.applyGrant(subscription, actor);
    } else if (subscription.state === 'revoked') {
      settled = await this.removeGrant(subscription, actor);
    }
    await this.options.notifier?.decided(settled, actor, reason);
    return settled;
  }

  /**
   * Grants an approved subscription's access and records how that went.
   * A failure leaves it approved with grant status `failed` and the
   * warehouse's error, for the approvers to retry: never approved in the
   * portal and silently missing in the warehouse.
   */
  private async applyGrant(
    subscription: Subscription,
    actor: string,
  ): Promise<Subscription> {
    const { grants } = this.options;
    if (!grants) return subscription;
    let error: string | undefined;
    try {
      await grants.grant(subscription);
    } catch (cause) {
      error = (cause as Error).message;
    }
    const recorded = await this.recordGrant(subscription, {
      event: error === undefined ? 'grant-applied' : 'grant-failed',
      error,
      actor,
    });
    if (recorded.state === 'approved' && recorded.grantStatus === 'failed') {
      const product = await this.options.products.get(subscription.product);
      await this.options.notifier?.grantFailed(
        recorded,
        this.approvers(product?.owners ?? []),
      );
    }
    return recorded;
  }

  /**
   * Takes a revoked or expired subscription's access back in the
   * warehouse. A failure keeps the grant status `granted` with the error,
   * which says the warehouse may still allow access, and the scheduled
   * check tries again.
   */
  private async removeGrant(
    subscription: Subscription,
    actor: string,
  ): Promise<Subscription> {
    const { grants } = this.options;
    if (!grants || subscription.grantStatus !== 'granted') return subscription;
    let error: string | undefined;
    try {
      await grants.revoke(subscription);
    } catch (cause) {
      error = (cause as Error).message;
    }
    if (error !== undefined) {
      this.options.logger?.warn(
        `Could not remove the grant of subscription ${subscription.id}: ${error}`,
      );
    }
    return this.recordGrant(subscription, {
      event: error === undefined ? 'grant-removed' : 'grant-removal-failed',
      error,
      actor,
    });
  }

  /**
   * Records a grant outcome in the state the subscription is in now: a
   * revoke that lands while a grant runs still finds the grant recorded,
   * and the scheduled check then removes it.
   */
  private async recordGrant(
    subscription: Subscription,
    outcome: { event: GrantEvent; error?: string; actor: string },
  ): Promise<Subscription> {
    let state = subscription.state;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.options.store.recordGrant(subscription.id, state, {
          ...outcome,
          at: this.now(),
        });
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= 2) throw error;
        state = (await this.options.store.get(subscription.id)).state;
      }
    }
  }

  /** The groups that approve access to a product of `owners`. */
  private approvers(owners: readonly string[]): string[] {
    return this.options.settings
      ? approversOf(owners, this.options.settings)
      : owners.map(normalizeOwnerRef);
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
    credentials: UserOrServiceCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials },
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
