export { DataProductEntityProvider } from './DataProductEntityProvider';
