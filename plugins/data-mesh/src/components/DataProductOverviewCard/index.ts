export { DataProductOverviewCard } from './DataProductOverviewCard';
