export { DataProductCostContent } from './DataProductCostContent';
