/**
 * Code generation: a pipeline as one SQL script per dialect (Spark SQL,
 * DuckDB SQL), a readable chain of CTEs named after the gems, written from
 * the graph and the function catalogue's per-dialect mappings.
 */
export type { GenerateSqlOptions, GeneratedSql } from './generate';
export { generateSql } from './generate';
export type { MaskMethod, MaskTemplate, MaskTemplates } from './maskTemplates';
export { DEFAULT_MASK_TEMPLATES } from './maskTemplates';
