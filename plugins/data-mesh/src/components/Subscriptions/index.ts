export { RequestAccessDialog } from './RequestAccessDialog';
export { RequestAccessButton } from './RequestAccessButton';
export { ReasonDialog } from './ReasonDialog';
export { DecisionButtons, WithdrawButton } from './SubscriptionActions';
export { SubscriptionsTable } from './SubscriptionsTable';
export type { SubscriptionField } from './SubscriptionsTable';
export {
  loadRequestsToDecide,
  productsApprovedBy,
} from './decidableSubscriptions';
export { normalizeRef, teamsOf, useUserTeams } from './useUserTeams';
export type { UserTeams } from './useUserTeams';
export * from './subscriptionFormat';
export { ApproverTable } from './ApproverTable';
export { FormDialogActions } from './FormDialogActions';
