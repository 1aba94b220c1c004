/**
 * How a dataset's contract changed between two versions of its project,
 * and which changes break its consumers.
 */
export {
  describeContractChange,
  diffContracts,
  manifestContracts,
  subscribersOfChange,
} from './diffContracts';
export type {
  ContractChange,
  ContractChangeKind,
  ContractsByDataset,
  ContractSubscription,
} from './diffContracts';
