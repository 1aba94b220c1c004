export { DatabricksJobExecutor } from './DatabricksJobExecutor';
export type { DatabricksJobExecutorOptions } from './DatabricksJobExecutor';
