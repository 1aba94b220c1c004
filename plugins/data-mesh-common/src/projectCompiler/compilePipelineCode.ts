import type { SqlDialectName } from '../dialect';
import { CompilerDiagnostic, generatePySpark } from '../compiler';
import { CheckedPipeline, runBackEnd } from '../compiler/checkPipeline';
import { pipelineSql } from '../compiler/compilePipeline';
import type { MaskTemplates } from '../compiler/codegen/maskTemplates';

/** One pipeline compiled for one dialect. */
export interface PipelineCode {
  /** The script, absent when there are errors. */
  readonly code?: string;
  /** The checker's problems and the back end's, on the pipeline as written. */
  readonly diagnostics: readonly CompilerDiagnostic[];
}

/**
 * The SQL of a checked pipeline for `dialect`, with datasets mapped to
 * their tables, starting with the statements `prepare`
 * (`targetPreparationStatements`).
 */
export function compilePipelineSql(
  checked: CheckedPipeline,
  dialect: SqlDialectName,
  tables: (dataset: string) => string,
  prepare: readonly string[] = [],
  maskTemplates?: MaskTemplates,
): PipelineCode {
  const compiled = pipelineSql(checked, {
    dialect,
    tables,
    prepare,
    maskTemplates,
  });
  return {
    ...(compiled.sql !== undefined && { code: compiled.sql }),
    diagnostics: compiled.diagnostics,
  };
}

/**
 * The PySpark entry point of a checked pipeline, written from the same
 * lowered pipeline as its SQL; `prepare` are the Spark SQL statements it
 * runs before writing (`targetPreparationStatements`).
 */
export function compilePipelinePySpark(
  checked: CheckedPipeline,
  tables: (dataset: string) => string,
  prepare: readonly string[] = [],
  maskTemplates?: MaskTemplates,
): PipelineCode {
  const { generated, diagnostics } = runBackEnd(checked, (lowered, schemas) =>
    generatePySpark(lowered, schemas, { tables, prepare, maskTemplates }),
  );
  return {
    ...(generated?.code !== undefined && { code: generated.code }),
    diagnostics,
  };
}
