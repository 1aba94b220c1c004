export { TeamDataProductsCard } from './TeamDataProductsCard';
