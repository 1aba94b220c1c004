import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';

import { catalogLink } from '../alerts/entityRefs';
import type { Subscription } from './types';

type NotificationPayload = NotificationSendOptions['payload'];

/** Notification topics, so people can filter and mute them per kind. */
export const SUBSCRIPTION_TOPICS = {
  requested: 'data-mesh:subscription-requested',
  decided: 'data-mesh:subscription-decided',
  grantFailed: 'data-mesh:subscription-grant-failed',
  expiring: 'data-mesh:subscription-expiring',
} as const;

/** The product's Consumers tab, where approvers decide its requests. */
export function consumersTabLink(product: string): string {
  return `${catalogLink(product)}/consumers`;
}

/** A group or user ref as people read it: `finance-insights`. */
function nameOf(ref: string): string {
  return parseEntityRef(ref).name;
}

function columnsOf(subscription: Subscription): string {
  return subscription.columns
    ? `the columns ${subscription.columns.join(', ')}`
    : 'all columns';
}

/**
 * Tells people what happened to a subscription through Backstage
 * notifications: a request to the product's approvers, a decision to the
 * requester, a grant the warehouse refused to the approvers (they retry
 * it), and an expiry coming up to the requester. One notification per
 * subscription and kind (its scope), so a repeat updates it.
 *
 * Sending never fails what caused it: a decision stands whether or not
 * the notification got out, and the failure is logged.
 */
export class SubscriptionNotifier {
  constructor(
    private readonly options: {
      readonly notifications: NotificationService;
      readonly logger: LoggerService;
    },
  ) {}

  async requested(
    subscription: Subscription,
    product: { title: string },
    approvers: readonly string[],
  ): Promise<void> {
    await this.send(approvers, {
      title: `${nameOf(subscription.team)} requests access to ${product.title}`,
      description: [
        `${nameOf(subscription.requester)} asks for ${columnsOf(
          subscription,
        )} of ${product.title} for ${nameOf(subscription.team)}.`,
        subscription.purpose && `Purpose: ${subscription.purpose}.`,
        subscription.expiresAt &&
          `Until ${subscription.expiresAt.toISOString().slice(0, 10)}.`,
        'Approve or deny it on the Consumers tab.',
      ]
        .filter(Boolean)
        .join(' '),
      link: consumersTabLink(subscription.product),
      severity: 'normal',
      topic: SUBSCRIPTION_TOPICS.requested,
      scope: `subscription-requested:${subscription.id}`,
    });
  }

  /** The decision on an approve, deny or revoke, to the requester. */
  async decided(
    subscription: Subscription,
    actor: string,
    reason: string | undefined,
  ): Promise<void> {
    const product = nameOf(subscription.product);
    const by = actor.startsWith('meshwork:')
      ? 'automatically'
      : `by ${nameOf(actor)}`;
    const why = reason ? ` Reason: ${reason}.` : '';
    let title: string;
    let description: string;
    switch (subscription.state) {
      case 'approved':
        title = `Access to ${product} approved`;
        description = `${nameOf(subscription.team)} may read ${columnsOf(
          subscription,
        )} of ${product}, approved ${by}.${why}${
          subscription.grantStatus === 'failed'
            ? ` The warehouse has not applied the access yet (${subscription.grantError}); the approvers can retry it.`
            : ''
        }`;
        break;
      case 'denied':
        title = `Access to ${product} denied`;
        description = `The request of ${nameOf(
          subscription.team,
        )} was denied ${by}.${why}`;
        break;
      case 'revoked':
        title = `Access to ${product} revoked`;
        description = `${nameOf(
          subscription.team,
        )} may no longer read ${product}: revoked ${by}.${why}`;
        break;
      default:
        return;
    }
    await this.send([subscription.requester], {
      title,
      description,
      link: catalogLink(subscription.product),
      severity: subscription.state === 'approved' ? 'normal' : 'high',
      topic: SUBSCRIPTION_TOPICS.decided,
      scope: `subscription-decided:${subscription.id}`,
    });
  }

  /** A grant the warehouse refused, to the approvers, who retry it. */
  async grantFailed(
    subscription: Subscription,
    approvers: readonly string[],
  ): Promise<void> {
    const product = nameOf(subscription.product);
    await this.send(approvers, {
      title: `Granting ${nameOf(
        subscription.team,
      )} access to ${product} failed`,
      description: `The subscription is approved, but the warehouse refused the grant: ${subscription.grantError}. Fix the cause, then retry the grant on the Consumers tab.`,
      link: consumersTabLink(subscription.product),
      severity: 'high',
      topic: SUBSCRIPTION_TOPICS.grantFailed,
      scope: `subscription-grant-failed:${subscription.id}`,
    });
  }

  /** Throws when the notification did not get out, so the warning is kept for later. */
  async expiring(subscription: Subscription, now: Date): Promise<void> {
    const product = nameOf(subscription.product);
    const expiresAt = subscription.expiresAt!;
    const days = Math.max(
      1,
      Math.ceil((expiresAt.getTime() - now.getTime()) / 86_400_000),
    );
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef: subscription.requester },
      payload: {
        title: `Access to ${product} expires in ${days} day${
          days === 1 ? '' : 's'
        }`,
        description: `The subscription of ${nameOf(
          subscription.team,
        )} to ${product} ends on ${expiresAt
          .toISOString()
          .slice(
            0,
            10,
          )}. Request access again on the data product page to keep it.`,
        link: catalogLink(subscription.product),
        severity: 'normal',
        topic: SUBSCRIPTION_TOPICS.expiring,
        scope: `subscription-expiring:${subscription.id}`,
      },
    });
  }

  private async send(
    recipients: readonly string[],
    payload: NotificationPayload,
  ): Promise<void> {
    if (recipients.length === 0) return;
    try {
      await this.options.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipients.length === 1 ? recipients[0] : [...recipients],
        },
        payload,
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not notify ${recipients.join(', ')} of "${payload.title}": ${
          (error as Error).message
        }`,
      );
    }
  }
}
