export { DataProductLineageContent } from './DataProductLineageContent';
