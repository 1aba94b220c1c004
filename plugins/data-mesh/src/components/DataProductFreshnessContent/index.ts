export { DataProductFreshnessContent } from './DataProductFreshnessContent';
