export { loadDatasetRunHistory, RUNS_SHOWN } from './datasetRunHistory';
export type { DatasetRun, DatasetRunHistory } from './datasetRunHistory';
export { MeasuredContent, NoRunsMeasured } from './MeasuredContent';
export type { MeasuredState } from './MeasuredContent';
