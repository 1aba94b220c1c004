export { runPipelineTests } from './runPipelineTests';
export type {
  PipelineTestResult,
  PipelineTestStatus,
  RunPipelineTestsOptions,
} from './types';
