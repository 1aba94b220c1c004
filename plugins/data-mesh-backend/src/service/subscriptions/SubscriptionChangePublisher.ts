import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  SUBSCRIPTION_CHANGED_TOPIC,
  SubscriptionChangedEvent,
} from '@meshwork/data-mesh-node';
import type { Subscription } from './types';

/**
 * Says on {@link SUBSCRIPTION_CHANGED_TOPIC} that a subscription changed
 * state, so that the catalog relates the product to its consumers at once
 * rather than at its next scheduled refresh.
 */
export class SubscriptionChangePublisher {
  constructor(
    private readonly options: {
      events: EventsService;
      logger: LoggerService;
    },
  ) {}

  /**
   * Publishes the change. The change is stored already, so a failure is
   * logged, not thrown: the catalog's scheduled refresh catches up.
   */
  async changed(subscription: Subscription): Promise<void> {
    const eventPayload: SubscriptionChangedEvent = {
      project: subscription.project,
      dataset: subscription.dataset,
      product: subscription.product,
    };
    try {
      await this.options.events.publish({
        topic: SUBSCRIPTION_CHANGED_TOPIC,
        eventPayload,
      });
    } catch (error) {
      this.options.logger.warn(
        `Subscription ${subscription.id} to ${subscription.product} is ${
          subscription.state
        }, but the catalog was not told: ${(error as Error).message ?? error}`,
      );
    }
  }
}
