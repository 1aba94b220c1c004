export { SUBSCRIPTION_CHANGED_TOPIC } from './subscriptionEvents';
export type { SubscriptionChangedEvent } from './subscriptionEvents';
