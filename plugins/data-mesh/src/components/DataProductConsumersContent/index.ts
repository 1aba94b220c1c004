export { DataProductConsumersContent } from './DataProductConsumersContent';
