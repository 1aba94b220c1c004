/**
 * The project compiler: a whole data project's files in, its generated
 * code, Databricks bundle, column-level lineage and every problem (at a
 * file, line and column) out. Pure, no I/O; the `meshwork` CLI reads and
 * writes the files.
 */
export type {
  GeneratedProjectFile,
  LoadedFile,
  LoadedProject,
  ProjectCompilerDiagnostic,
  ProjectCompilerDiagnosticCode,
  ProjectSourceFile,
} from './types';
export { loadProject, ProjectFileParseCache } from './loadProject';
export type { LoadProjectOptions } from './loadProject';
export { datasetManifest } from './datasetManifest';
export type { DatasetManifest } from './datasetManifest';
export { formatProjectCompilerDiagnostic } from './positions';
export {
  checkProjectPipeline,
  compileProject,
  compileProjectPipeline,
  analyzeProjectLineage,
  isGeneratedProjectPath,
} from './compileProject';
export type { CheckedProjectPipeline, CompiledProject } from './compileProject';
export { findColumnLineage, projectLineage } from './projectLineage';
export type {
  ColumnLineageLookup,
  DatasetColumnLineage,
  DatasetLineage,
  DatasetLineageEdge,
  LineageSourceColumn,
  LineageStep,
  ProjectLineage,
} from './projectLineage';
export { jobRunOrder } from './jobRunOrder';
export {
  jobRunParameters,
  jobTaskParameterValues,
  type TaskParameterValue,
} from './jobParameters';
export type { JobRunStep } from './jobRunOrder';
export { pipelineTargets, targetPreparationStatements } from './targets';
export { pipelineTestSubject } from './pipelineTests';
export type {
  PipelineTestColumn,
  PipelineTestSubject,
  PipelineTestProject,
} from './pipelineTests';
export type { PipelineTarget } from './targets';
