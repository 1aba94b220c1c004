export {
  DATA_PRODUCT_RESULT_TYPE,
  DataProductSearchResultListItem,
} from './DataProductSearchResultListItem';
export type {
  DataProductSearchDocument,
  DataProductSearchResultListItemProps,
} from './DataProductSearchResultListItem';
