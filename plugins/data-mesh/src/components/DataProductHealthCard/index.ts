export { DataProductHealthCard } from './DataProductHealthCard';
