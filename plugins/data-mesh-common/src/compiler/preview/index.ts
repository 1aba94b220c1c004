/**
 * Previews: the query showing the data leaving one node of a pipeline,
 * and which of its columns carry personal data.
 */
export {
  compilePreview,
  type CompiledPreview,
  type CompilePreviewOptions,
  type PreviewColumn,
} from './compilePreview';
export type { DatasetClassifications, PreviewPiiColumn } from './piiColumns';
export {
  checkPipelineData,
  pipelineDiagnostic,
  type PipelineDiagnostic,
} from './pipelineDiagnostics';
