export { DataProductSchemaContent } from './DataProductSchemaContent';
