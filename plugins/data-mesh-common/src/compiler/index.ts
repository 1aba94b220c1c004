/**
 * The pipeline compiler: schema propagation (a typed schema on every port)
 * and column-level lineage, from pipeline files and the project's datasets,
 * rules and subgraphs. Pure TypeScript, no I/O.
 */
export type {
  ColumnLineage,
  CompilerDiagnostic,
  CompilerDiagnosticCode,
  DatasetSchema,
  ExpressionLocation,
  InputColumnRef,
  PortSchema,
  PropagationContext,
  SchemaPropagation,
  SourceColumnRef,
} from './types';
export { propagateSchemas } from './propagate';
export { columnLineage } from './lineage';
export { formatCompilerDiagnostic, hasErrors } from './diagnostics';
export {
  DEFAULT_MASK_TEMPLATES,
  generateSql,
  type GenerateSqlOptions,
  type GeneratedSql,
  type MaskMethod,
  type MaskTemplate,
  type MaskTemplates,
} from './codegen';
export {
  lowerPipeline,
  type LoweredPipeline,
  type LowerOptions,
} from './lower';
export { checkParameterValue, type ParameterValue } from './parameters';
export {
  compilePipeline,
  type CompiledPipeline,
  type CompilePipelineOptions,
} from './compilePipeline';
export {
  generatePySpark,
  type GeneratePySparkOptions,
  type GeneratedPySpark,
} from './pyspark';
export * from './preview';
export * from './sqlGem';
