import type { SqlDialectName } from '../dialect';
import type { PipelineFile } from '../project';
import { CheckedPipeline, checkPipeline, runBackEnd } from './checkPipeline';
import { generateSql } from './codegen';
import type { LowerOptions } from './lower';
import type { ParameterValue } from './parameters';
import type { MaskTemplates } from './codegen/maskTemplates';
import type {
  CompilerDiagnostic,
  PropagationContext,
  SchemaPropagation,
} from './types';

/**
 * Options of {@link compilePipeline}.
 *
 * @public
 */
export interface CompilePipelineOptions {
  readonly dialect: SqlDialectName;
  /** The table a dataset is read from or written to; see `GenerateSqlOptions.tables`. */
  readonly tables?: (dataset: string) => string;
  /** The platform's Mask templates; see `GenerateSqlOptions.maskTemplates`. */
  readonly maskTemplates?: MaskTemplates;
  /**
   * Values of the pipeline's parameters for DuckDB, which gets them as
   * typed literals (defaults fill the rest). Spark SQL keeps `:name`
   * markers, for the job to fill in, so this is ignored there.
   */
  readonly parameters?: Readonly<Record<string, ParameterValue>>;
  /** Statements written first; see `GenerateSqlOptions.prepare`. */
  readonly prepare?: readonly string[];
}

/**
 * The result of {@link compilePipeline}.
 *
 * @public
 */
export interface CompiledPipeline {
  /** The SQL script, when there are no errors. */
  readonly sql?: string;
  /** The schemas and lineage of the pipeline as written (not lowered). */
  readonly propagation: SchemaPropagation;
  /** Every problem, with paths into the pipeline as written. */
  readonly diagnostics: readonly CompilerDiagnostic[];
}

/**
 * Compiles a pipeline to SQL of a dialect: the front end
 * (`checkPipeline`: propagation, lowering, problems on the nodes as
 * written), then the SQL back end ({@link generateSql}) over the lowered
 * pipeline when it checked.
 *
 * @public
 */
export function compilePipeline(
  pipeline: PipelineFile,
  context: PropagationContext,
  options: CompilePipelineOptions,
): CompiledPipeline {
  return pipelineSql(
    checkPipeline(pipeline, context, loweringFor(options)),
    options,
  );
}

/**
 * How a back end gets parameter values: DuckDB runs what it gets, so it
 * needs them; Databricks fills in markers from the job.
 */
export function loweringFor(options: {
  readonly dialect: SqlDialectName;
  readonly parameters?: Readonly<Record<string, ParameterValue>>;
}): LowerOptions {
  return options.dialect === 'duckdb'
    ? { parameterValues: options.parameters ?? {} }
    : {};
}

/** The SQL back end over a checked pipeline. */
export function pipelineSql(
  checked: CheckedPipeline,
  options: CompilePipelineOptions,
): CompiledPipeline {
  const { generated, diagnostics } = runBackEnd(checked, (lowered, schemas) =>
    generateSql(lowered, schemas, options),
  );
  return {
    ...(generated?.sql !== undefined && { sql: generated.sql }),
    propagation: checked.propagation,
    diagnostics,
  };
}
