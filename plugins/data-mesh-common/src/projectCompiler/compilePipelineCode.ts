import type { SqlDialect } from '../expression';
import {
  compilePipeline,
  CompilerDiagnostic,
  generatePySpark,
  hasErrors,
  lowerPipeline,
  propagateSchemas,
  PropagationContext,
  SchemaPropagation,
} from '../compiler';
import type { PipelineFile } from '../project';

/** One pipeline compiled for one dialect. */
export interface PipelineCode {
  /** The script, absent when there are errors. */
  readonly code?: string;
  /** Schemas and lineage of the pipeline as written (for lineage). */
  readonly propagation: SchemaPropagation;
  readonly diagnostics: readonly CompilerDiagnostic[];
}

/**
 * The one place where the project compiler calls the pipeline compiler for
 * SQL: propagation, lowering (SQL, Mask, BusinessRule, Subgraph) and
 * generation for `dialect`, with datasets mapped to their tables.
 */
export function compilePipelineSql(
  pipeline: PipelineFile,
  context: PropagationContext,
  dialect: SqlDialect,
  tables: (dataset: string) => string,
): PipelineCode {
  const compiled = compilePipeline(pipeline, context, { dialect, tables });
  return {
    code: compiled.sql,
    propagation: compiled.propagation,
    diagnostics: uniqueDiagnostics(compiled.diagnostics),
  };
}

/**
 * The PySpark entry point of a pipeline: lowered to primitive gems (as for
 * SQL), then written as DataFrame code. Diagnostics on lowered nodes are
 * reported on the node of the pipeline they come from.
 */
export function compilePipelinePySpark(
  pipeline: PipelineFile,
  context: PropagationContext,
  tables: (dataset: string) => string,
): { code?: string; diagnostics: readonly CompilerDiagnostic[] } {
  const propagation = propagateSchemas(pipeline, context);
  if (hasErrors(propagation.diagnostics)) {
    return { diagnostics: propagation.diagnostics };
  }
  const lowered = lowerPipeline(pipeline, context);
  const toOriginal = (diagnostic: CompilerDiagnostic): CompilerDiagnostic => {
    if (diagnostic.nodeId === undefined) return diagnostic;
    const origin = lowered.origins.get(diagnostic.nodeId) ?? diagnostic.nodeId;
    if (origin === diagnostic.nodeId) return diagnostic;
    const index = pipeline.nodes.findIndex(n => n.id === origin);
    // A position inside a lowered node's expression would mislead.
    const { expression: _, ...rest } = diagnostic;
    return index < 0
      ? diagnostic
      : { ...rest, nodeId: origin, path: ['nodes', index] };
  };
  if (hasErrors(lowered.diagnostics)) {
    return { diagnostics: lowered.diagnostics.map(toOriginal) };
  }
  const generated = generatePySpark(
    lowered.pipeline,
    propagateSchemas(lowered.pipeline, context),
    { tables },
  );
  return {
    code: generated.code,
    diagnostics: uniqueDiagnostics(generated.diagnostics.map(toOriginal)),
  };
}

/** A problem found on several lowered nodes of one gem is reported once. */
function uniqueDiagnostics(
  diagnostics: readonly CompilerDiagnostic[],
): CompilerDiagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter(d => {
    const key = JSON.stringify([d.code, d.path, d.message, d.expression]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
