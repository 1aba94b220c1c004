export {
  DataProductRequestsCard,
  REQUESTS_ANCHOR,
} from './DataProductRequestsCard';
export { useProductSubscriptions } from './useProductSubscriptions';
