export { DataProjectHealthCard } from './DataProjectHealthCard';
