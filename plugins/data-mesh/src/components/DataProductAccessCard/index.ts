export { DataProductAccessCard } from './DataProductAccessCard';
