import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { DataProductContract } from '@meshwork/data-mesh-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { SubscriptionAction, TRANSITIONS } from './stateMachine';
import type {
  GrantEvent,
  GrantStatus,
  Subscription,
  SubscriptionAuditEntry,
  SubscriptionState,
  SubscriptionWithAudit,
} from './types';
import { migratedClient } from '../../database/migratedClient';

// PostgreSQL returns timestamps as Dates; SQLite the epoch milliseconds
// knex bound them as.
type DbTimestamp = Date | number | string;

interface SubscriptionRow {
  id: string;
  product_ref: string;
  project: string;
  dataset: string;
  requester: string;
  team: string;
  purpose: string | null;
  columns: string | null;
  expires_at: DbTimestamp | null;
  contract_version: string;
  contract: string;
  state: string;
  pending_key: string | null;
  grant_status: string;
  grant_error: string | null;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
}

interface AuditRow {
  subscription_id: string;
  at: DbTimestamp;
  actor: string;
  from_state: string | null;
  to_state: string;
  reason: string | null;
  event?: string | null;
}

/** A request for access, as the service has checked it. */
export interface RequestSubscriptionInput {
  product: string;
  project: string;
  dataset: string;
  requester: string;
  team: string;
  purpose?: string;
  columns?: string[];
  expiresAt?: Date;
  contractVersion: string;
  contract: DataProductContract;
  at: Date;
}

export interface TransitionInput {
  action: SubscriptionAction;
  actor: string;
  reason?: string;
  at: Date;
}

/** What the warehouse did with a subscription's access. */
export interface GrantOutcomeInput {
  event: GrantEvent;
  /** The warehouse's error, for the failures. */
  error?: string;
  actor: string;
  at: Date;
}

/** The grant status and error each grant event leaves. */
const GRANT_EVENT_STATUS: Record<GrantEvent, GrantStatus> = {
  'grant-applied': 'granted',
  'grant-failed': 'failed',
  'grant-removed': 'none',
  // The warehouse may still allow access: the status says so.
  'grant-removal-failed': 'granted',
};

export interface ListSubscriptionsFilter {
  product?: string;
  team?: string;
  state?: SubscriptionState;
}

const toDate = (value: DbTimestamp) =>
  value instanceof Date ? value : new Date(value);

/** The key that keeps one pending request per product and team. */
const pendingKey = (product: string, team: string) => `${product} ${team}`;

function fromRow(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    product: row.product_ref,
    project: row.project,
    dataset: row.dataset,
    requester: row.requester,
    team: row.team,
    ...(row.purpose !== null && { purpose: row.purpose }),
    ...(row.columns !== null && { columns: JSON.parse(row.columns) }),
    ...(row.expires_at !== null && { expiresAt: toDate(row.expires_at) }),
    contractVersion: row.contract_version,
    contract: JSON.parse(row.contract),
    state: row.state as SubscriptionState,
    grantStatus: row.grant_status as GrantStatus,
    ...(row.grant_error !== null && { grantError: row.grant_error }),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

function auditFromRow(row: AuditRow): SubscriptionAuditEntry {
  return {
    at: toDate(row.at),
    actor: row.actor,
    ...(row.from_state !== null && {
      from: row.from_state as SubscriptionState,
    }),
    to: row.to_state as SubscriptionState,
    ...(row.reason !== null && { reason: row.reason }),
    ...(row.event && { event: row.event as GrantEvent }),
  };
}

/**
 * Subscriptions and their audit log on the plugin's knex database, SQLite
 * or PostgreSQL. Every change of state is one transaction that updates the
 * subscription only if it is still in the state the change starts from and
 * appends the audit entry, so of two concurrent decisions exactly one
 * happens and the other is a 409.
 */
export class SubscriptionStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<SubscriptionStore> {
    return new SubscriptionStore(await migratedClient(options));
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Records a pending request, or returns the team's pending request for
   * the same product if there is one (`created: false`), without changing
   * it.
   */
  async request(
    input: RequestSubscriptionInput,
  ): Promise<{ subscription: Subscription; created: boolean }> {
    const key = pendingKey(input.product, input.team);
    // A pending request that is decided between our insert and our read
    // leaves neither; the next attempt then inserts.
    for (let attempt = 0; attempt < 3; attempt++) {
      const outcome = await this.db.transaction(async tx => {
        const row: SubscriptionRow = {
          id: randomUUID(),
          product_ref: input.product,
          project: input.project,
          dataset: input.dataset,
          requester: input.requester,
          team: input.team,
          purpose: input.purpose ?? null,
          columns: input.columns ? JSON.stringify(input.columns) : null,
          expires_at: input.expiresAt ?? null,
          contract_version: input.contractVersion,
          contract: JSON.stringify(input.contract),
          state: 'pending',
          pending_key: key,
          grant_status: 'none',
          grant_error: null,
          created_at: input.at,
          updated_at: input.at,
        };
        const inserted = await tx('subscriptions')
          .insert(row)
          .onConflict('pending_key')
          .ignore()
          .returning('id');
        if (inserted.length > 0) {
          await tx('subscription_audit').insert({
            subscription_id: row.id,
            at: input.at,
            actor: input.requester,
            from_state: null,
            to_state: 'pending',
            reason: input.purpose ?? null,
          });
          return { subscription: fromRow(row), created: true };
        }
        const pending = await tx<SubscriptionRow>('subscriptions')
          .where({ pending_key: key })
          .first();
        return pending
          ? { subscription: fromRow(pending), created: false }
          : undefined;
      });
      if (outcome) return outcome;
    }
    throw new ConflictError(
      `The request of ${input.team} for ${input.product} changed while it was being made; try again`,
    );
  }

  /** The subscription, or a NotFoundError. */
  async get(id: string): Promise<Subscription> {
    const row = await this.db<SubscriptionRow>('subscriptions')
      .where({ id })
      .first();
    if (!row) throw new NotFoundError(`No subscription with id '${id}'`);
    return fromRow(row);
  }

  /** The subscription with its audit log, oldest entry first. */
  async getWithAudit(id: string): Promise<SubscriptionWithAudit> {
    const subscription = await this.get(id);
    const audit = await this.db<AuditRow>('subscription_audit')
      .where({ subscription_id: id })
      .orderBy('id', 'asc');
    return { ...subscription, audit: audit.map(auditFromRow) };
  }

  /** Subscriptions matching every given filter, newest first. */
  async list(filter: ListSubscriptionsFilter = {}): Promise<Subscription[]> {
    const query = this.db<SubscriptionRow>('subscriptions');
    if (filter.product) query.where('product_ref', filter.product);
    if (filter.team) query.where('team', filter.team);
    if (filter.state) query.where('state', filter.state);
    const rows = await query.orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    return rows.map(fromRow);
  }

  /**
   * Moves the subscription as the action does, with an audit entry; a
   * NotFoundError for an unknown id, a ConflictError (and no change at all)
   * when it is not in the state the action starts from, concurrent
   * changes included.
   */
  async transition(id: string, input: TransitionInput): Promise<Subscription> {
    const { from, to } = TRANSITIONS[input.action];
    await this.db.transaction(async tx => {
      const updated = await tx('subscriptions')
        .where({ id, state: from })
        .update({
          state: to,
          updated_at: input.at,
          // Only a pending request holds the key; any decision frees it.
          pending_key: null,
        });
      if (updated === 0) {
        const current = await tx<SubscriptionRow>('subscriptions')
          .where({ id })
          .first();
        if (!current)
          throw new NotFoundError(`No subscription with id '${id}'`);
        throw new ConflictError(
          `Cannot ${input.action} subscription '${id}': it is ${
            current.state
          }, and only a ${from} subscription can be ${pastTense(input.action)}`,
        );
      }
      await tx('subscription_audit').insert({
        subscription_id: id,
        at: input.at,
        actor: input.actor,
        from_state: from,
        to_state: to,
        reason: input.reason ?? null,
      });
    });
    return this.get(id);
  }

  /**
   * Records what the warehouse did with the subscription's access while it
   * is still in `state`, with an audit entry that leaves the state as it
   * is; a ConflictError when it changed state meanwhile.
   */
  async recordGrant(
    id: string,
    state: SubscriptionState,
    input: GrantOutcomeInput,
  ): Promise<Subscription> {
    await this.db.transaction(async tx => {
      const updated = await tx('subscriptions')
        .where({ id, state })
        .update({
          grant_status: GRANT_EVENT_STATUS[input.event],
          grant_error: input.error ?? null,
          updated_at: input.at,
        });
      if (updated === 0) {
        throw new ConflictError(
          `Subscription '${id}' is no longer ${state}; its grant was not recorded`,
        );
      }
      await tx('subscription_audit').insert({
        subscription_id: id,
        at: input.at,
        actor: input.actor,
        from_state: state,
        to_state: state,
        reason: input.error ?? null,
        event: input.event,
      });
    });
    return this.get(id);
  }

  /**
   * Revoked and expired subscriptions whose grant the warehouse may still
   * hold, because removing it failed.
   */
  async listGrantsToRemove(): Promise<Subscription[]> {
    const rows = await this.db<SubscriptionRow>('subscriptions')
      .whereIn('state', ['revoked', 'expired'])
      .where({ grant_status: 'granted' })
      .orderBy('updated_at', 'asc');
    return rows.map(fromRow);
  }

  /**
   * The approved and granted subscriptions of `teams` to a dataset: the
   * access the portal enforces where the warehouse has no users.
   */
  async listGranted(filter: {
    project: string;
    dataset: string;
    teams: readonly string[];
  }): Promise<Subscription[]> {
    if (filter.teams.length === 0) return [];
    const rows = await this.db<SubscriptionRow>('subscriptions')
      .where({
        project: filter.project,
        dataset: filter.dataset,
        state: 'approved',
        grant_status: 'granted',
      })
      .whereIn('team', [...filter.teams]);
    return rows.map(fromRow);
  }

  /**
   * Approved subscriptions expiring after `now` and at or before `until`
   * whose requester was not warned yet.
   */
  async listExpiringUnwarned(now: Date, until: Date): Promise<Subscription[]> {
    const rows = await this.db<SubscriptionRow>('subscriptions')
      .where({ state: 'approved' })
      .whereNull('expiry_warned_at')
      .where('expires_at', '>', now)
      .where('expires_at', '<=', until)
      .orderBy('expires_at', 'asc');
    return rows.map(fromRow);
  }

  /**
   * Marks the subscription's requester as warned of its expiry; false when
   * someone (another replica) already had, so each is warned once.
   */
  async claimExpiryWarning(id: string, at: Date): Promise<boolean> {
    const updated = await this.db('subscriptions')
      .where({ id })
      .whereNull('expiry_warned_at')
      .update({ expiry_warned_at: at });
    return updated > 0;
  }

  /** Undoes a claim whose warning could not be sent, for the next check. */
  async releaseExpiryWarning(id: string): Promise<void> {
    await this.db('subscriptions')
      .where({ id })
      .update({ expiry_warned_at: null });
  }

  /**
   * Expires the approved subscriptions whose expiry is at or before `now`,
   * each with an audit entry by the portal; returns them.
   */
  async expireDue(now: Date): Promise<Subscription[]> {
    const due = await this.db<SubscriptionRow>('subscriptions')
      .where({ state: 'approved' })
      .whereNotNull('expires_at')
      .where('expires_at', '<=', now)
      .select('id');
    const expired: Subscription[] = [];
    for (const { id } of due) {
      try {
        expired.push(
          await this.transition(id, {
            action: 'expire',
            actor: 'meshwork:expiry',
            reason: 'The subscription reached its expiry date',
            at: now,
          }),
        );
      } catch (error) {
        // Revoked (or expired by another replica) meanwhile: nothing to do.
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    return expired;
  }
}

function pastTense(action: SubscriptionAction): string {
  switch (action) {
    case 'approve':
      return 'approved';
    case 'deny':
      return 'denied';
    case 'withdraw':
      return 'withdrawn';
    case 'revoke':
      return 'revoked';
    case 'expire':
      return 'expired';
    default:
      return action;
  }
}
