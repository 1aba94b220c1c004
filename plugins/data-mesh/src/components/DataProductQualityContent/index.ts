export { DataProductQualityContent } from './DataProductQualityContent';
