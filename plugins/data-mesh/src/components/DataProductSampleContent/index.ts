export { DataProductSampleContent } from './DataProductSampleContent';
