/**
 * The events topic on which a subscription to a data product is said to
 * have changed state (requested, approved, denied, withdrawn, revoked,
 * expired): the catalog's DataProduct provider reads the product's
 * consumers again at once, so its `subscribedBy` relations follow the
 * decision instead of the next scheduled refresh. Published by the
 * data-mesh backend through the Backstage `EventsService`
 * (`@backstage/plugin-events-node`) with a {@link SubscriptionChangedEvent}
 * payload.
 *
 * @public
 */
export const SUBSCRIPTION_CHANGED_TOPIC = 'data-mesh.subscription.changed';

/**
 * The payload of an event on {@link SUBSCRIPTION_CHANGED_TOPIC}.
 *
 * @public
 */
export interface SubscriptionChangedEvent {
  /** The data project that produces the product: its Component's name. */
  readonly project: string;
  /** The product's dataset in that project. */
  readonly dataset: string;
  /** The DataProduct's entity ref, `dataproduct:default/total-sales`. */
  readonly product: string;
}
