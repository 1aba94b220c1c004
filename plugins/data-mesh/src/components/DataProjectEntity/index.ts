export { useDataProject } from './useDataProject';
export { RunStatus } from './RunStatus';
export {
  currentMonth,
  formatDuration,
  formatRows,
  isActive,
} from './runFormat';
export { formatQualitySummary, latestQualitySummary } from './qualitySummary';
export type { QualitySummary } from './qualitySummary';
